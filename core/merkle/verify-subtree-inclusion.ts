import { assertBytes, assertHash, assertHashList, assertObject, assertUint64 } from "../internal/assert";
import { bytesEqual } from "../internal/bytes";
import { chainInclusion } from "./chain";
import { isValidSubtree } from "./is-valid-subtree";

export interface VerifySubtreeInclusionParams {
  /** Absolute index of the leaf in the log; start <= index < end. */
  readonly index: bigint;
  /** First leaf of the subtree. */
  readonly start: bigint;
  /** One past the last leaf of the subtree. */
  readonly end: bigint;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  /** Expected MTH(D[start:end]). */
  readonly subtreeHash: Uint8Array;
}

/**
 * Verifies a subtree inclusion proof (draft-ietf-plants-merkle-tree-certs, "Subtree Inclusion
 * Proofs"): true if `proof` shows `leafHash` is leaf `index` of the subtree [start, end) whose hash
 * is `subtreeHash`. A valid subtree is laid out exactly like a standalone tree of end - start
 * leaves, so this is RFC 9162 2.1.3.2 at index - start in a tree of size end - start.
 *
 * Throws RangeError if [start, end) is not a valid subtree (see `isValidSubtree`) or index is
 * outside it, TypeError for malformed hashes; returns false for a well-formed but wrong proof.
 */
export function verifySubtreeInclusion(params: VerifySubtreeInclusionParams): boolean {
  assertObject(params, "params");
  const { index, start, end, leafHash, proof, subtreeHash } = params;
  assertUint64(index, "index");
  if (!isValidSubtree(start, end))
    throw new RangeError(`[start, end) = [${start}, ${end}) is not a valid subtree`);
  if (index < start || index >= end) {
    throw new RangeError(`index ${index} is outside the subtree [${start}, ${end})`);
  }
  assertHash(leafHash, "leafHash");
  assertHashList(proof, "proof");
  assertBytes(subtreeHash, "subtreeHash");
  const computed = chainInclusion(index - start, end - start, leafHash, proof);
  return computed !== null && bytesEqual(computed, subtreeHash);
}
