import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { getConsistencyProof } from "@/server/services/ledger/get-proofs";

export const dynamic = "force-dynamic";

/** GET /ledger/json/consistency?from=A&to=B: RFC 9162 consistency proof between two signed sizes. */
export function GET(req: Request) {
  return publicApiResponse(async () => {
    const q = Object.fromEntries(new URL(req.url).searchParams);
    return jsonResponse(await getConsistencyProof(await getDb(), q));
  });
}
