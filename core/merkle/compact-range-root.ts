import { assertObject } from "../internal/assert";
import { EMPTY_TREE_HASH } from "./constants";
import { foldRange } from "./ranges";
import type { CompactRange } from "./types";

/**
 * Root hash of the tree a compact range describes: the right fold of its perfect subtree roots,
 * which is MTH(D[0:size]) by RFC 6962 2.1's recursive definition. SHA-256("") when empty.
 */
export function compactRangeRoot(range: CompactRange): Uint8Array {
  assertObject(range, "range");
  if (range.hashes.length === 0) return EMPTY_TREE_HASH;
  return foldRange(range.hashes);
}
