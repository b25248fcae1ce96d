import { PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { readTile } from "@/server/services/ledger/read-tile";

export const dynamic = "force-dynamic";

/** c2sp.org/tlog-tiles: full tiles never change, so they are cached forever; partial ones briefly. */
export function GET(_req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return publicApiResponse(async () => {
    const { path } = await params;
    const { body, full } = await readTile(await getDb(), `tile/${path.join("/")}`);
    return new Response(Buffer.from(body), {
      headers: {
        "Content-Type": "application/octet-stream",
        "Cache-Control": full ? "public, max-age=31536000, immutable" : "public, max-age=10",
        ...PUBLIC_HEADERS,
      },
    });
  });
}
