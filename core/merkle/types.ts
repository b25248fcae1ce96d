/**
 * A perfect (full) subtree of the log's Merkle tree: the node at `level` covering leaves
 * [index * 2^level, (index + 1) * 2^level). Level 0 nodes are leaf hashes. Perfect subtrees never
 * change once their last leaf is appended, which is why they are what a log stores and serves:
 * c2sp.org/tlog-tiles tiles are exactly the perfect nodes at levels 0, 8, 16, ...
 *
 * `level` is a small shift count (0..63), so it is a number; `index` is a log index, so bigint.
 */
export interface NodeId {
  readonly level: number;
  readonly index: bigint;
}

/** A perfect subtree node with its hash, as produced by `appendLeafHash`. */
export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

/**
 * Reads the hashes of perfect subtree nodes, in the order requested. A server backs it with its
 * stored node table or its tiles (`createTileHashReader`), a client with fetched tiles, a test with
 * an array (`createMemoryHashReader`). Proof generators ask for everything they need in one call,
 * so a database or network backend pays one round trip per proof.
 *
 * The reader is trusted only as far as its source: proofs built from unauthenticated data are
 * worthless until verified against a signed checkpoint's root.
 */
export type HashReader = (nodes: readonly NodeId[]) => Promise<readonly Uint8Array[]>;

/**
 * The hashes of the maximal perfect subtrees covering leaves [0, size), left (largest) to right:
 * one per set bit of `size`. This is the whole state a log writer needs to append leaves and
 * compute the new root without reading old data (transparency-dev "compact ranges").
 */
export interface CompactRange {
  readonly size: bigint;
  readonly hashes: readonly Uint8Array[];
}
