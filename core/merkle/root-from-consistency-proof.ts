import { assertBytes, assertHashList, assertObject, assertUint64 } from "../internal/assert";
import { chainConsistency } from "./chain";

export interface RootFromConsistencyProofParams {
  /** Size of the older tree; at least 1. */
  readonly size1: bigint;
  /** Size of the newer tree; at least size1. */
  readonly size2: bigint;
  /** Root hash of the older tree. */
  readonly root1: Uint8Array;
  /** Consistency proof hashes (RFC 6962 2.1.2). */
  readonly proof: readonly Uint8Array[];
}

/**
 * Computes the root of the size2 tree implied by a consistency proof from a size1 tree with root
 * `root1` (RFC 9162 2.1.4.2), or null if the proof does not reproduce `root1`. For size1 == size2
 * the proof must be empty and the answer is root1.
 *
 * Throws like `verifyConsistency` for malformed input, and RangeError if the proof has the wrong
 * number of hashes for (size1, size2).
 */
export function rootFromConsistencyProof(params: RootFromConsistencyProofParams): Uint8Array | null {
  assertObject(params, "params");
  const { size1, size2, root1, proof } = params;
  checkSizes(size1, size2);
  assertBytes(root1, "root1");
  assertHashList(proof, "proof");
  if (size1 === size2) {
    if (proof.length !== 0) throw new RangeError("proof must be empty when size1 == size2");
    return root1;
  }
  if (proof.length === 0) throw new RangeError(`proof must not be empty for size1 ${size1} < size2 ${size2}`);
  const result = chainConsistency(size1, size2, root1, proof);
  if (result === null) {
    throw new RangeError(
      `proof has the wrong number of hashes (${proof.length}) for sizes ${size1} -> ${size2}`,
    );
  }
  return result === "mismatch" ? null : result;
}

/**
 * Shared size checks. size1 = 0 is rejected: every tree is consistent with the empty tree, so
 * there is nothing to prove and RFC 9162 defines no proof for it (transparency-dev/merkle rejects
 * it too). Protocols that start from size 0, like c2sp.org/tlog-witness's "old 0", special-case it.
 */
export function checkSizes(size1: bigint, size2: bigint): void {
  assertUint64(size1, "size1");
  assertUint64(size2, "size2");
  if (size1 === 0n) {
    throw new RangeError("size1 must be at least 1: a consistency proof from the empty tree proves nothing");
  }
  if (size1 > size2) throw new RangeError(`size1 must not exceed size2, got ${size1} > ${size2}`);
}
