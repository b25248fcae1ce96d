import { PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { getReceipt } from "@/server/services/ledger/get-receipt";

export const dynamic = "force-dynamic";

/** GET /ledger/receipt?index=N: a c2sp.org/tlog-proof receipt for entry N (text). */
export function GET(req: Request) {
  return publicApiResponse(async () => {
    const q = Object.fromEntries(new URL(req.url).searchParams);
    return new Response(await getReceipt(await getDb(), q), {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        ...PUBLIC_HEADERS,
      },
    });
  });
}
