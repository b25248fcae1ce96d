import { assertTreeSize } from "./asserts";
import { leanIMTDepth, nodesAtLevel } from "./lean-imt-depth";
import type { CensusNodeId } from "./types";

/**
 * The stored nodes `updateLeaf` reads to change leaf `index` of a tree of `size` leaves: the
 * sibling at every level where one exists (a left child on the right edge may have none, and
 * then passes its value up unhashed).
 */
export function siblingsForUpdate(size: number, index: number): CensusNodeId[] {
  assertTreeSize(size, "size");
  assertTreeSize(index, "index");
  if (index >= size) throw new RangeError(`index must be below size (${size}), got ${index}`);
  const depth = leanIMTDepth(size);
  const ids: CensusNodeId[] = [];
  let i = index;
  for (let level = 0; level < depth; level++) {
    if (i % 2 === 1) ids.push({ level, index: i - 1 });
    else if (i + 1 < nodesAtLevel(size, level)) ids.push({ level, index: i + 1 });
    i = Math.floor(i / 2);
  }
  return ids;
}
