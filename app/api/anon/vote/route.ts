import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { readJsonBody } from "@/server/api/read-json-body";
import { getDb } from "@/server/db/get-db";
import { castVote } from "@/server/services/polls/cast-vote";
import { verifyVoteProof } from "@/server/zk/verify-vote-proof";

export const dynamic = "force-dynamic";

/**
 * Anonymous: a vote (ballot, sequence, Semaphore proof). Sent by the browser with
 * credentials: "omit" and never batched; the server reads no cookies and logs nothing (no
 * address, user agent or time). The answer is the receipt: the vote's ledger index. Proofs are
 * checked off the event loop, in batches with the other votes arriving meanwhile
 * (server/zk/verify-vote-proof.ts).
 */
export function POST(req: Request) {
  return publicApiResponse(async () => {
    const receipt = await castVote(await getDb(), await readJsonBody(req), { verifyProof: verifyVoteProof });
    return jsonResponse(receipt, { headers: { "Cache-Control": "no-store" } });
  });
}
