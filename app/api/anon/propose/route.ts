import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { readJsonBody } from "@/server/api/read-json-body";
import { getDb } from "@/server/db/get-db";
import { getLedgerRuntime } from "@/server/ledger/ledger-runtime";
import { submitAnonymousProposal } from "@/server/services/participation/submit-proposal";
import { verifyVoteProof } from "@/server/zk/verify-vote-proof";

export const dynamic = "force-dynamic";

/** Larger than a vote's limit: a proposal's body may hold 20,000 characters (up to 4 bytes each in UTF-8) beside its proof. */
const MAX_BYTES = 131_072;

/**
 * Anonymous: an anonymous proposal (content, slot, Semaphore proof). Like a vote, it is sent
 * with credentials: "omit" and never batched with anything else; the server reads no cookies and
 * logs nothing (no address, user agent or time). The answer is the act's ledger index.
 */
export function POST(req: Request) {
  return publicApiResponse(async () => {
    const { origin } = (await getLedgerRuntime()).identity;
    const receipt = await submitAnonymousProposal(await getDb(), origin, await readJsonBody(req, MAX_BYTES), {
      verifyProof: verifyVoteProof,
    });
    return jsonResponse(receipt, { headers: { "Cache-Control": "no-store" } });
  });
}
