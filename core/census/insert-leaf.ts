import { SNARK_SCALAR_FIELD } from "../entries/entry-fields";
import { assertFieldElement, assertTreeSize } from "./asserts";
import { leanIMTDepth } from "./lean-imt-depth";
import { poseidon2 } from "./poseidon2";
import { readSibling } from "./read-sibling";
import type { CensusHash, CensusNode, CensusNodeLookup, CensusTreeChange } from "./types";

export interface InsertLeafOptions {
  /** Leaves before the insertion; the new leaf gets index `size`. */
  size: number;
  leaf: bigint;
  /** Stored nodes; must answer for every id `siblingsForInsert(size)` lists. */
  lookup: CensusNodeLookup;
  hash?: CensusHash;
}

/**
 * Appends a leaf, exactly as @zk-kit/lean-imt's `insert` (and so @semaphore-protocol/group's
 * `addMember`) does, touching only the O(depth) nodes on the new leaf's path:
 *
 * - The depth grows by one exactly when the old size was a power of two (depth = ceil(log2 size)).
 * - Walking up from the leaf, a right child is hashed with its left sibling, H(left, node); a
 *   left child has no right sibling yet (it is the last leaf), so it becomes its parent unhashed.
 *   That "lean" rule is what makes the tree need no zero padding.
 *
 * Returns every node of the path (level 0 to the root) for the caller to store; nothing is
 * mutated here, so a store can be a database table, a Map or arrays.
 */
export function insertLeaf({ size, leaf, lookup, hash = poseidon2 }: InsertLeafOptions): CensusTreeChange {
  assertTreeSize(size, "size");
  assertFieldElement(leaf, "leaf", SNARK_SCALAR_FIELD);
  const newSize = size + 1;
  const depth = leanIMTDepth(newSize);
  const nodes: CensusNode[] = [];
  let node = leaf;
  let index = size;
  for (let level = 0; level < depth; level++) {
    nodes.push({ level, index, hash: node });
    if (index % 2 === 1) node = hash(readSibling(lookup, level, index - 1), node);
    index = Math.floor(index / 2);
  }
  nodes.push({ level: depth, index: 0, hash: node });
  return { size: newSize, depth, root: node, nodes };
}
