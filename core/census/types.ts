/**
 * A node of a census tree (a LeanIMT, as @semaphore-protocol/group builds it): `level` 0 holds
 * the leaves (identity commitments, 0 for a removed member), `level` = depth holds the root.
 * Node (level, index) covers leaves [index·2^level, (index + 1)·2^level). Sizes stay far below
 * 2^53, so indices are plain numbers (always divided, never shifted with 32-bit operators).
 */
export interface CensusNodeId {
  readonly level: number;
  readonly index: number;
}

export interface CensusNode extends CensusNodeId {
  /** A field element (0 ≤ hash < r). */
  readonly hash: bigint;
}

/**
 * Reads one stored node, or undefined if it was never written. The server prefetches exactly the
 * ids `siblingsForInsert` / `siblingsForUpdate` name (one query), so this lookup is synchronous.
 */
export type CensusNodeLookup = (level: number, index: number) => bigint | undefined;

/** Two-to-one hash of the tree: Poseidon(left, right) unless a test substitutes another. */
export type CensusHash = (left: bigint, right: bigint) => bigint;

/** What one insertion or update changes: the new shape, and every node to (over)write. */
export interface CensusTreeChange {
  readonly size: number;
  readonly depth: number;
  /** The new root; for a tree of one leaf, the leaf itself. */
  readonly root: bigint;
  /** The path from the leaf (level 0) to the root (level = depth), O(depth) nodes. */
  readonly nodes: readonly CensusNode[];
}

/**
 * A Merkle proof as @zk-kit/lean-imt's generateProof returns it, which Semaphore v4's
 * generateProof accepts in place of a Group: `siblings` lists only the levels where a sibling
 * exists, and bit k of `index` tells whether the node is the right child at the k-th of them.
 */
export interface CensusMerkleProof {
  readonly root: bigint;
  readonly leaf: bigint;
  readonly index: number;
  readonly siblings: bigint[];
}
