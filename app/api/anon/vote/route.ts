import { type SemaphoreProof, verifyProof } from "@semaphore-protocol/proof";
import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { readJsonBody } from "@/server/api/read-json-body";
import { getDb } from "@/server/db/get-db";
import { castVote } from "@/server/services/polls/cast-vote";

export const dynamic = "force-dynamic";

/**
 * Anonymous: a vote (ballot, sequence, Semaphore proof). Sent by the browser with
 * credentials: "omit" and never batched; the server reads no cookies and logs nothing (no
 * address, user agent or time). The answer is the receipt: the vote's ledger index.
 */
export function POST(req: Request) {
  return publicApiResponse(async () => {
    const receipt = await castVote(await getDb(), await readJsonBody(req), {
      verifyProof: (proof) => verifyProof(proof as SemaphoreProof),
    });
    return jsonResponse(receipt, { headers: { "Cache-Control": "no-store" } });
  });
}
