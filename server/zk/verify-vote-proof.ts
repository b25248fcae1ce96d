import { env } from "../env";
import { AppError } from "../errors/app-error";
import { getProofVerifier } from "./get-proof-verifier";

/**
 * Whether a vote's Semaphore proof is valid: the `verifyProof` castVote is given by the vote
 * endpoint. By default the process-wide worker pool checks it, merged with the other votes that
 * are waiting into one batch; `PLAZA_VOTE_VERIFIER=stock` (benchmarks, diagnosis) uses
 * Semaphore's own verifyProof on this thread instead, one vote at a time.
 *
 * Never throws anything but an AppError, so a vote never ends in a 500:
 *   - a proof the verifier refuses to decode (it names the proof: "proof.points[3] must be…") is
 *     not a valid proof: false, and castVote answers INVALID_PROOF;
 *   - anything else is the server's fault, not the voter's (a verification key that no longer
 *     matches the manifest, a worker that died, a pool closed at shutdown): VERIFIER_UNAVAILABLE,
 *     so the browser can try again later instead of telling the resident their vote is bad.
 *     The first such failure is logged once, with no request data in it.
 */
export async function verifyVoteProof(proof: unknown): Promise<boolean> {
  try {
    if (env.PLAZA_VOTE_VERIFIER === "stock") {
      const { verifyProof } = await import("@semaphore-protocol/core");
      return await verifyProof(proof as Parameters<typeof verifyProof>[0]);
    }
    return await getProofVerifier().verify(proof);
  } catch (e) {
    if (isMalformedProofError(e)) return false;
    const holder = globalThis as { [LOGGED]?: boolean };
    if (!holder[LOGGED]) {
      holder[LOGGED] = true;
      console.error(`[plaza] vote proofs cannot be checked: ${e instanceof Error ? e.message : String(e)}`);
    }
    throw new AppError(
      "VERIFIER_UNAVAILABLE",
      "Votes cannot be checked right now. Please try again in a moment.",
    );
  }
}

const LOGGED = Symbol.for("plaza.verifierFailureLogged");

/**
 * The pool's decoding errors: a TypeError or RangeError naming the proof (decodeSemaphoreProof's
 * "proof.<field> …", as verify() reports it). Errors about keys or the manifest name those instead.
 */
function isMalformedProofError(e: unknown): boolean {
  return (e instanceof TypeError || e instanceof RangeError) && /^proof[.\s]/.test(e.message);
}
