import {
  type CheckReceiptOptions,
  checkReceipt as checkReceiptWith,
  type ReceiptCheck,
  type ReceiptSources,
  type TVerifyVoteProof,
} from "@/core/receipt/check-receipt";
import type { StoredReceipt } from "@/core/receipt/receipt-record";

export * from "@/core/receipt/check-receipt";

/**
 * Semaphore's `verifyProof` (snarkjs Groth16) against the official verification keys that
 * `@semaphore-protocol/proof` (pinned exact version) carries for every depth 1..32: nothing is
 * fetched, so the server cannot hand the browser another key. Loaded lazily: it is large.
 */
const semaphoreVerifyProof: TVerifyVoteProof = async (proof) => {
  const { verifyProof } = await import("@semaphore-protocol/core");
  try {
    return await verifyProof(proof as Parameters<typeof verifyProof>[0]);
  } catch {
    // Points that are not curve points or signals beyond the field: not a valid proof.
    return false;
  }
};

/** The browser's receipt check (core/receipt), with Semaphore's own verifier by default. */
export function checkReceipt(
  receipt: Parameters<typeof checkReceiptWith>[0],
  sources: ReceiptSources,
  options: Partial<CheckReceiptOptions> = {},
): Promise<ReceiptCheck> {
  return checkReceiptWith(receipt, sources, {
    verifyVoteProof: options.verifyVoteProof ?? semaphoreVerifyProof,
  });
}

export type { StoredReceipt };
