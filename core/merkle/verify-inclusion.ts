import { assertBytes, assertHash, assertHashList, assertObject, assertUint64 } from "../internal/assert";
import { bytesEqual } from "../internal/bytes";
import { chainInclusion } from "./chain";

export interface VerifyInclusionParams {
  /** Zero-based index of the leaf; must be less than `size`. */
  readonly index: bigint;
  /** Size of the tree `root` is the root of (from a verified checkpoint). */
  readonly size: bigint;
  /** The leaf hash, SHA-256(0x00 || entry) (see `hashLeaf`). */
  readonly leafHash: Uint8Array;
  /** Sibling hashes from the leaf's sibling up to the root's child (RFC 6962 2.1.1). */
  readonly proof: readonly Uint8Array[];
  /** Expected root hash. */
  readonly root: Uint8Array;
}

/**
 * Verifies an RFC 6962 Merkle inclusion proof with the algorithm of RFC 9162 2.1.3.2: true if
 * `proof` shows that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`.
 *
 * Malformed arguments throw (TypeError: non-bigint, non-Uint8Array, leaf or proof hash not 32
 * bytes; RangeError: negative or >= 2^64, index >= size). A well-formed but wrong proof, including
 * one with too many or too few hashes, returns false. `root` is only compared, never hashed, so a
 * root of another length simply does not match.
 *
 * Note: a proof is checked against a (size, root) pair and does not on its own commit to `size`:
 * the same hashes can verify for two sizes whose paths have the same shape. The checkpoint
 * signature is what binds size and root together.
 */
export function verifyInclusion(params: VerifyInclusionParams): boolean {
  assertObject(params, "params");
  const { index, size, leafHash, proof, root } = params;
  assertUint64(index, "index");
  assertUint64(size, "size");
  if (index >= size) throw new RangeError(`index must be less than size, got index ${index} >= size ${size}`);
  assertHash(leafHash, "leafHash");
  assertHashList(proof, "proof");
  assertBytes(root, "root");
  const computed = chainInclusion(index, size, leafHash, proof);
  return computed !== null && bytesEqual(computed, root);
}
