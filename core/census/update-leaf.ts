import { SNARK_SCALAR_FIELD } from "../entries/entry-fields";
import { assertFieldElement, assertTreeSize } from "./asserts";
import { leanIMTDepth, nodesAtLevel } from "./lean-imt-depth";
import { poseidon2 } from "./poseidon2";
import { readSibling } from "./read-sibling";
import type { CensusHash, CensusNode, CensusNodeLookup, CensusTreeChange } from "./types";

export interface UpdateLeafOptions {
  size: number;
  index: number;
  /** The new value; 0 removes the member, as @semaphore-protocol/group's removeMember does. */
  leaf: bigint;
  /** Stored nodes; must answer for every id `siblingsForUpdate(size, index)` lists. */
  lookup: CensusNodeLookup;
  hash?: CensusHash;
}

/**
 * Changes leaf `index`, exactly as @zk-kit/lean-imt's `update` does, touching O(depth) nodes.
 * A sibling that exists is always hashed, even when its value is 0 (a removed member): whether a
 * node has a right sibling depends on the tree's size, never on values. (@zk-kit/lean-imt 2.2.4's
 * insertMany and updateMany test `rightNode ?` and so skip a 0 right sibling: zk-kit issue #419.
 * The incremental insert/update/remove of @semaphore-protocol/group agree with this file.)
 */
export function updateLeaf({
  size,
  index,
  leaf,
  lookup,
  hash = poseidon2,
}: UpdateLeafOptions): CensusTreeChange {
  assertTreeSize(size, "size");
  assertTreeSize(index, "index");
  if (index >= size) throw new RangeError(`index must be below size (${size}), got ${index}`);
  assertFieldElement(leaf, "leaf", SNARK_SCALAR_FIELD);
  const depth = leanIMTDepth(size);
  const nodes: CensusNode[] = [];
  let node = leaf;
  let i = index;
  for (let level = 0; level < depth; level++) {
    nodes.push({ level, index: i, hash: node });
    if (i % 2 === 1) node = hash(readSibling(lookup, level, i - 1), node);
    else if (i + 1 < nodesAtLevel(size, level)) node = hash(node, readSibling(lookup, level, i + 1));
    i = Math.floor(i / 2);
  }
  nodes.push({ level: depth, index: 0, hash: node });
  return { size, depth, root: node, nodes };
}
