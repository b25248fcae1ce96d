import { formatPollsCsv } from "@/core/polls/format-polls-csv";
import { jsonResponse, PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { AppError } from "@/server/errors/app-error";
import { getDistrictOpenData } from "@/server/services/open-data/get-district-open-data";

export const dynamic = "force-dynamic";

/** Open data of one district: polls.json (everything) or polls.csv (one row per poll and option). */
export function GET(_req: Request, { params }: { params: Promise<{ slug: string; file: string }> }) {
  return publicApiResponse(async () => {
    const { slug, file } = await params;
    if (file !== "polls.json" && file !== "polls.csv") {
      throw new AppError(
        "NOT_FOUND",
        `There is no open-data file "${file}"; there are polls.json and polls.csv.`,
      );
    }
    const data = await getDistrictOpenData(await getDb(), slug);
    const headers = { "Cache-Control": "no-store", ...PUBLIC_HEADERS };
    if (file === "polls.json") return jsonResponse(data, { headers });
    return new Response(formatPollsCsv(data.polls), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="plaza-${data.district.slug}-polls.csv"`,
      },
    });
  });
}
