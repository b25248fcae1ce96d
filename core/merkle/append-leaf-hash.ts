import { assertHash, assertObject, MAX_UINT64 } from "../internal/assert";
import { nodeHash } from "./hash-children";
import type { CompactRange, StoredNode } from "./types";

export interface AppendLeafHashResult {
  /** The compact range of the tree with one more leaf. */
  readonly range: CompactRange;
  /**
   * Every perfect subtree completed by this leaf, bottom up: the leaf itself (level 0) and one node
   * per level the append carried into. A log writer stores these (all levels, or only levels
   * 0, 8, 16, ... that make up tiles) to serve proofs and tiles later.
   */
  readonly nodes: readonly StoredNode[];
}

/** The compact range of the empty tree. */
export const EMPTY_COMPACT_RANGE: CompactRange = Object.freeze({ size: 0n, hashes: Object.freeze([]) });

/**
 * Appends one leaf hash to a compact range (the perfect subtree roots covering [0, size)). Like
 * incrementing a binary counter: the new leaf is a level-0 subtree, and while the old size has its
 * lowest bits set, the two rightmost subtrees have equal height and merge into their parent
 * (RFC 6962 2.1 builds left subtrees that are perfect, so merged nodes are exactly its nodes).
 */
export function appendLeafHash(range: CompactRange, leafHash: Uint8Array): AppendLeafHashResult {
  assertObject(range, "range");
  assertHash(leafHash, "leafHash");
  const { size } = range;
  if (typeof size !== "bigint" || size < 0n || size >= MAX_UINT64) {
    throw new RangeError(`range.size must be in [0, 2^64 - 1), got ${String(size)}`);
  }
  if (!Array.isArray(range.hashes) || range.hashes.length !== popCount(size)) {
    throw new TypeError(`range.hashes must hold one hash per set bit of range.size (${popCount(size)})`);
  }
  const hashes = [...range.hashes];
  const nodes: StoredNode[] = [{ level: 0, index: size, hash: leafHash }];
  let carry = leafHash;
  let rest = size;
  let level = 0;
  let index = size;
  while ((rest & 1n) === 1n) {
    const left = hashes.pop() as Uint8Array;
    carry = nodeHash(left, carry);
    level++;
    index >>= 1n;
    rest >>= 1n;
    nodes.push({ level, index, hash: carry });
  }
  hashes.push(carry);
  return { range: { size: size + 1n, hashes }, nodes };
}

function popCount(x: bigint): number {
  let n = 0;
  for (let v = x; v > 0n; v >>= 1n) if ((v & 1n) === 1n) n++;
  return n;
}
