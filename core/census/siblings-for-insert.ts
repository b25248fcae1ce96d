import { assertTreeSize } from "./asserts";
import { leanIMTDepth } from "./lean-imt-depth";
import type { CensusNodeId } from "./types";

/**
 * The stored nodes `insertLeaf` reads to append a leaf to a tree of `size` leaves: the left
 * sibling at every level where the new path is a right child. At most depth + 1 ids; the server
 * fetches them in one query.
 */
export function siblingsForInsert(size: number): CensusNodeId[] {
  assertTreeSize(size, "size");
  const depth = leanIMTDepth(size + 1);
  const ids: CensusNodeId[] = [];
  let index = size;
  for (let level = 0; level < depth; level++) {
    if (index % 2 === 1) ids.push({ level, index: index - 1 });
    index = Math.floor(index / 2);
  }
  return ids;
}
