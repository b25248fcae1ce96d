import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { getInclusionProof } from "@/server/services/ledger/get-proofs";

export const dynamic = "force-dynamic";

/** GET /ledger/json/inclusion?index=N[&size=S]: RFC 9162 inclusion proof against a signed size. */
export function GET(req: Request) {
  return publicApiResponse(async () => {
    const q = Object.fromEntries(new URL(req.url).searchParams);
    return jsonResponse(await getInclusionProof(await getDb(), q));
  });
}
