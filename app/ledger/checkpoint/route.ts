import { PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { getLatestCheckpoint } from "@/server/services/ledger/get-latest-checkpoint";

export const dynamic = "force-dynamic";

/** c2sp.org/tlog-tiles: the latest signed checkpoint, with witness cosignatures. Never cached long. */
export function GET() {
  return publicApiResponse(async () => {
    const latest = await getLatestCheckpoint(await getDb());
    if (!latest) return new Response("no checkpoint yet\n", { status: 404, headers: PUBLIC_HEADERS });
    return new Response(latest.note, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        ...PUBLIC_HEADERS,
      },
    });
  });
}
