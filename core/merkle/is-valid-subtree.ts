import { assertUint64 } from "../internal/assert";
import { bitCeil } from "../internal/bits";

/**
 * Whether [start, end) is a subtree in the sense of the Merkle Tree Certificates draft
 * (draft-ietf-plants-merkle-tree-certs, "Definition of a Subtree"): 0 <= start < end and start is
 * a multiple of BIT_CEIL(end - start). Such a range is a node of every tree that contains it, or
 * the left part of one, so it has a well-defined hash MTH(D[start:end]) that stays the same as the
 * log grows.
 */
export function isValidSubtree(start: bigint, end: bigint): boolean {
  assertUint64(start, "start");
  assertUint64(end, "end");
  if (start >= end) return false;
  return start % bitCeil(end - start) === 0n;
}
