import { jsonResponse, PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { listDistricts } from "@/server/services/districts/list-districts";

export const dynamic = "force-dynamic";

/** Open data: every district, with the addresses of its downloads (docs/open-data.md). */
export function GET() {
  return publicApiResponse(async () => {
    const districts = await listDistricts(await getDb());
    return jsonResponse(
      {
        districts: districts.map((d) => ({
          id: d.id,
          slug: d.slug,
          name: d.name,
          description: d.description,
          polls: {
            json: `/api/open/districts/${d.slug}/polls.json`,
            csv: `/api/open/districts/${d.slug}/polls.csv`,
          },
          proposals: { csv: `/api/open/districts/${d.slug}/proposals.csv` },
        })),
      },
      { headers: { "Cache-Control": "no-store", ...PUBLIC_HEADERS } },
    );
  });
}
