import { PUBLIC_HEADERS, publicApiResponse } from "@/server/api/public-api-response";
import { getLedgerRuntime } from "@/server/ledger/ledger-runtime";

export const dynamic = "force-dynamic";

/** The log's note verifier key ("<origin>+<key id>+<key>"), for observers to pin. */
export function GET() {
  return publicApiResponse(async () => {
    const { identity } = await getLedgerRuntime();
    return new Response(`${identity.verifierKey}\n`, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "public, max-age=300",
        ...PUBLIC_HEADERS,
      },
    });
  });
}
