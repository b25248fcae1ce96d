import { getDb } from "@/server/db/get-db";
import { ledgerResponse, PUBLIC_HEADERS } from "@/server/ledger/ledger-http";
import { getReceipt } from "@/server/services/ledger/get-receipt";

export const dynamic = "force-dynamic";

/** GET /ledger/receipt?index=N: a c2sp.org/tlog-proof receipt for entry N (text). */
export function GET(req: Request) {
  return ledgerResponse(async () => {
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
