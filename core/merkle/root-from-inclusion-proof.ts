import { assertHash, assertHashList, assertObject, assertUint64 } from "../internal/assert";
import { chainInclusion } from "./chain";

export interface RootFromInclusionProofParams {
  /** Zero-based index of the leaf. */
  readonly index: bigint;
  /** Size of the tree the proof is for. */
  readonly size: bigint;
  /** The leaf hash, SHA-256(0x00 || entry) (see `hashLeaf`). */
  readonly leafHash: Uint8Array;
  /** Sibling hashes from the leaf's sibling up to the root's child (RFC 6962 2.1.1). */
  readonly proof: readonly Uint8Array[];
}

/**
 * Computes the root hash a tree of `size` leaves must have if `proof` is a valid inclusion proof
 * for `leafHash` at `index` (RFC 9162 2.1.3.2). Useful when the root comes later, e.g. to look up a
 * checkpoint by root.
 *
 * Throws TypeError for malformed hashes, RangeError for index >= size or a proof with the wrong
 * number of hashes for (index, size) (no root exists then). Use `verifyInclusion` for a yes/no.
 */
export function rootFromInclusionProof(params: RootFromInclusionProofParams): Uint8Array {
  assertObject(params, "params");
  const { index, size, leafHash, proof } = params;
  assertUint64(index, "index");
  assertUint64(size, "size");
  if (index >= size) throw new RangeError(`index must be less than size, got index ${index} >= size ${size}`);
  assertHash(leafHash, "leafHash");
  assertHashList(proof, "proof");
  const root = chainInclusion(index, size, leafHash, proof);
  if (root === null) {
    throw new RangeError(
      `proof has the wrong number of hashes (${proof.length}) for index ${index} in size ${size}`,
    );
  }
  return root;
}
