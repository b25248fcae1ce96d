import { formatPollsCsv } from "@/core/polls/format-polls-csv";
import { formatProposalsCsv } from "@/core/processes/format-proposals-csv";
import { jsonResponse, PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors/app-error";
import { getDistrictOpenData } from "@/server/services/open-data/get-district-open-data";

export const dynamic = "force-dynamic";

const FILES = ["polls.json", "polls.csv", "proposals.csv"];

/**
 * Open data of one district: polls.json (everything: processes with their proposals, and polls),
 * polls.csv (one row per poll and option) or proposals.csv (one row per proposal).
 */
export function GET(_req: Request, { params }: { params: Promise<{ slug: string; file: string }> }) {
  return publicApiResponse(async () => {
    const { slug, file } = await params;
    if (!FILES.includes(file)) {
      throw new AppError("NOT_FOUND", `There is no open-data file "${file}"; there are ${FILES.join(", ")}.`);
    }
    const data = await getDistrictOpenData(await getDb(), slug, { audit: env.PLAZA_MODERATION_AUDIT });
    const headers = { "Cache-Control": "no-store", ...PUBLIC_HEADERS };
    if (file === "polls.json") return jsonResponse(data, { headers });
    const csv = file === "polls.csv" ? formatPollsCsv(data.polls) : formatProposalsCsv(data.processes);
    return new Response(csv, {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="plaza-${data.district.slug}-${file}"`,
      },
    });
  });
}
