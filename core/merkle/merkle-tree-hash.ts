import { assertHashList } from "../internal/assert";
import { largestPowerOfTwoBelow } from "../internal/bits";
import { EMPTY_TREE_HASH } from "./constants";
import { nodeHash } from "./hash-children";

/**
 * MTH over a list of leaf hashes (RFC 6962 2.1, taking leaf hashes rather than entries): SHA-256("")
 * for none, the leaf hash for one, else SHA-256(0x01 || MTH(left) || MTH(right)) split at the
 * largest power of two smaller than n. In-memory convenience for small trees and tests; logs
 * should use `appendLeafHash` or `computeRootHash` over stored hashes.
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  assertHashList(leafHashes, "leafHashes");
  if (leafHashes.length === 0) return EMPTY_TREE_HASH;
  return mth(leafHashes, 0, leafHashes.length);
}

function mth(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return leaves[lo] as Uint8Array;
  const k = Number(largestPowerOfTwoBelow(BigInt(hi - lo)));
  return nodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
}
