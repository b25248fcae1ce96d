import { assertBytes, assertHashList, assertObject } from "../internal/assert";
import { bytesEqual } from "../internal/bytes";
import { chainConsistency } from "./chain";
import { checkSizes } from "./root-from-consistency-proof";

export interface VerifyConsistencyParams {
  /** Size of the older tree; at least 1. */
  readonly size1: bigint;
  /** Size of the newer tree; at least size1. */
  readonly size2: bigint;
  /** Root hash of the older tree. */
  readonly root1: Uint8Array;
  /** Root hash of the newer tree. */
  readonly root2: Uint8Array;
  /** Consistency proof hashes (RFC 6962 2.1.2). */
  readonly proof: readonly Uint8Array[];
}

/**
 * Verifies an RFC 6962 consistency proof with the algorithm of RFC 9162 2.1.4.2: true if `proof`
 * shows the tree of size1 leaves with root `root1` is a prefix of the tree of size2 leaves with
 * root `root2`, i.e. the log only appended. When size1 == size2 the proof must be empty and the
 * roots equal (c2sp.org/merkle-tree, "Consistency proofs", step 2).
 *
 * Malformed arguments throw (TypeError for types and proof hashes that are not 32 bytes;
 * RangeError for sizes outside [0, 2^64), size1 = 0, or size1 > size2). A well-formed but wrong
 * proof returns false. Roots are only compared (or used as the seed hash when size1 is a power of
 * two), so a root of another length than 32 bytes never matches a computed hash.
 */
export function verifyConsistency(params: VerifyConsistencyParams): boolean {
  assertObject(params, "params");
  const { size1, size2, root1, root2, proof } = params;
  checkSizes(size1, size2);
  assertBytes(root1, "root1");
  assertBytes(root2, "root2");
  assertHashList(proof, "proof");
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  // RFC 9162 2.1.4.2 step 1: an empty proof never links two different sizes.
  if (proof.length === 0) return false;
  const computed = chainConsistency(size1, size2, root1, proof);
  return computed instanceof Uint8Array && bytesEqual(computed, root2);
}
