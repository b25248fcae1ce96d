import { SNARK_SCALAR_FIELD } from "../entries/entry-fields";
import { assertFieldElement, assertTreeSize } from "./asserts";
import { insertLeaf } from "./insert-leaf";
import { leanIMTDepth, nodesAtLevel } from "./lean-imt-depth";
import { poseidon2 } from "./poseidon2";
import type { CensusHash, CensusMerkleProof, CensusTreeChange } from "./types";
import { updateLeaf } from "./update-leaf";

/**
 * A whole census tree in memory, with the same operations and roots as @semaphore-protocol/group
 * (addMember = insert, removeMember = update to 0). Browsers build one from the member list to
 * find their Merkle path; tests and benchmarks use it as the reference store. It keeps every node
 * (about 2n) in arrays, one per level, and applies the same `insertLeaf` / `updateLeaf` the
 * server applies to its table, so both stores hold identical nodes.
 */
export class MemoryLeanIMT {
  readonly #levels: bigint[][] = [[]];
  readonly #hash: CensusHash;

  constructor(hash: CensusHash = poseidon2) {
    this.#hash = hash;
  }

  /**
   * Builds the tree of `leaves` in one pass, ~n hashes: parent i of a level is H(2i, 2i+1) when
   * node 2i+1 exists and node 2i otherwise. A 0 leaf (a removed member) is a node like any other,
   * which is what makes the result equal the tree that grew by inserts and removals. (Building a
   * Group with `new Group(members)` from a list holding zeros does not: zk-kit issue #419.)
   */
  static fromLeaves(leaves: readonly bigint[], hash: CensusHash = poseidon2): MemoryLeanIMT {
    if (!Array.isArray(leaves)) throw new TypeError("leaves must be an array of bigints");
    leaves.forEach((leaf, i) => {
      assertFieldElement(leaf, `leaves[${i}]`, SNARK_SCALAR_FIELD);
    });
    const tree = new MemoryLeanIMT(hash);
    let level = leaves.slice();
    tree.#levels[0] = level;
    while (level.length > 1) {
      const next: bigint[] = new Array(Math.ceil(level.length / 2));
      for (let i = 0; i < next.length; i++) {
        const left = level[2 * i] as bigint;
        next[i] = 2 * i + 1 < level.length ? hash(left, level[2 * i + 1] as bigint) : left;
      }
      tree.#levels.push(next);
      level = next;
    }
    return tree;
  }

  get size(): number {
    return (this.#levels[0] as bigint[]).length;
  }

  get depth(): number {
    return leanIMTDepth(this.size);
  }

  /** The root; 0 for an empty tree, as @semaphore-protocol/group reports it. */
  get root(): bigint {
    return this.size === 0 ? 0n : (this.#levels[this.depth]?.[0] as bigint);
  }

  /** The leaves in index order (0 for removed members). */
  get leaves(): bigint[] {
    return (this.#levels[0] as bigint[]).slice();
  }

  /** The stored value of a node, or undefined; usable as a CensusNodeLookup. */
  readonly lookup = (level: number, index: number): bigint | undefined => this.#levels[level]?.[index];

  insert(leaf: bigint): CensusTreeChange {
    return this.#apply(insertLeaf({ size: this.size, leaf, lookup: this.lookup, hash: this.#hash }));
  }

  update(index: number, leaf: bigint): CensusTreeChange {
    return this.#apply(updateLeaf({ size: this.size, index, leaf, lookup: this.lookup, hash: this.#hash }));
  }

  /** Sets leaf `index` to 0, as @semaphore-protocol/group's removeMember does. */
  remove(index: number): CensusTreeChange {
    return this.update(index, 0n);
  }

  /** The Merkle proof of leaf `index`, in @zk-kit/lean-imt's format (see CensusMerkleProof). */
  generateProof(index: number): CensusMerkleProof {
    assertTreeSize(index, "index");
    const size = this.size;
    if (index >= size) throw new RangeError(`index must be below the tree size (${size}), got ${index}`);
    const siblings: bigint[] = [];
    let pathIndex = 0;
    let i = index;
    for (let level = 0; level < this.depth; level++) {
      const isRight = i % 2 === 1;
      const sibling = isRight ? i - 1 : i + 1;
      if (sibling < nodesAtLevel(size, level)) {
        if (isRight) pathIndex += 2 ** siblings.length;
        siblings.push(this.#levels[level]?.[sibling] as bigint);
      }
      i = Math.floor(i / 2);
    }
    return { root: this.root, leaf: this.#levels[0]?.[index] as bigint, index: pathIndex, siblings };
  }

  #apply(change: CensusTreeChange): CensusTreeChange {
    for (const node of change.nodes) {
      while (this.#levels.length <= node.level) this.#levels.push([]);
      (this.#levels[node.level] as bigint[])[node.index] = node.hash;
    }
    return change;
  }
}
