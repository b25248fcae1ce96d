// Internal planning for proof generation. Every hash in an RFC 6962 proof is MTH(D[lo:hi]) for a
// node [lo, hi) of the tree; these functions list those ranges, and `perfectNodes` splits a range
// into the perfect subtrees a log stores, so proofs can be built from stored or tiled hashes
// without access to the entries. Not exported from the barrel.

import { bitCeil, bitLength, largestPowerOfTwoBelow } from "../internal/bits";
import { nodeHash } from "./hash-children";
import type { HashReader, NodeId } from "./types";

/** A leaf range [lo, hi). */
export type Range = readonly [lo: bigint, hi: bigint];

/**
 * Ranges of PATH(m, D[n]) (RFC 6962 2.1.1; c2sp.org/merkle-tree "Inclusion proofs"), leaf sibling
 * first. Walks down from the root: at each node [lo, hi) with split k, the sibling of the child
 * holding m is a proof element.
 */
export function inclusionRanges(index: bigint, size: bigint, offset = 0n): Range[] {
  const out: Range[] = [];
  let lo = 0n;
  let hi = size;
  while (hi - lo > 1n) {
    const mid = lo + largestPowerOfTwoBelow(hi - lo);
    if (index < mid) {
      out.push([mid + offset, hi + offset]);
      hi = mid;
    } else {
      out.push([lo + offset, mid + offset]);
      lo = mid;
    }
  }
  return out.reverse();
}

/**
 * Ranges of PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 6962 2.1.2; c2sp.org/merkle-tree
 * "Consistency proofs"), for 0 < m < n. `known` is the SUBPROOF flag b: it stays true while the
 * old tree is a left prefix the verifier already has the root of, so that node is omitted.
 */
export function consistencyRanges(size1: bigint, size2: bigint): Range[] {
  return subtreeConsistencyRanges(0n, size1, size2);
}

/**
 * Ranges of SUBTREE_PROOF(start, end, D_n) from the Merkle Tree Certificates draft
 * (draft-ietf-plants-merkle-tree-certs, "Generating a Subtree Consistency Proof"), which reduces to
 * RFC 6962 SUBPROOF when start = 0. [start, end) must be a valid subtree with end <= size.
 */
export function subtreeConsistencyRanges(start: bigint, end: bigint, size: bigint): Range[] {
  const out: Range[] = [];
  let lo = 0n;
  let hi = size;
  let first = start;
  let known = true;
  for (;;) {
    if (first === lo && end === hi) {
      // The subtree is this whole node: the verifier has its hash unless an earlier step split it.
      if (!known) out.push([lo, hi]);
      break;
    }
    const mid = lo + largestPowerOfTwoBelow(hi - lo);
    if (end <= mid) {
      out.push([mid, hi]);
      hi = mid;
    } else if (mid <= first) {
      out.push([lo, mid]);
      lo = mid;
    } else {
      // Straddles the split, so first === lo (a valid subtree only does this from its left edge).
      // Its hash is no longer a node the verifier knows: continue with its right part [mid, end).
      out.push([lo, mid]);
      lo = mid;
      first = mid;
      known = false;
    }
  }
  return out.reverse();
}

/**
 * Splits [lo, hi) into its maximal aligned perfect subtrees, left to right. Requires a range shaped
 * like a tree node (lo a multiple of BIT_CEIL(hi - lo)), which every proof range is. Its MTH is the
 * right fold of these nodes' hashes (`foldRange`), by the recursive definition of MTH.
 */
export function perfectNodes(lo: bigint, hi: bigint): NodeId[] {
  const length = hi - lo;
  if (length <= 0n || lo % bitCeil(length) !== 0n) {
    throw new Error(`internal error: [${lo}, ${hi}) is not a tree node`);
  }
  const out: NodeId[] = [];
  let start = lo;
  for (let level = bitLength(length) - 1; level >= 0; level--) {
    const width = 1n << BigInt(level);
    if ((length & width) !== 0n) {
      out.push({ level, index: start >> BigInt(level) });
      start += width;
    }
  }
  return out;
}

/** MTH of a range from the hashes of its `perfectNodes`: h1 || (h2 || (h3 ...)), right to left. */
export function foldRange(hashes: readonly Uint8Array[]): Uint8Array {
  let acc = hashes[hashes.length - 1];
  if (acc === undefined) throw new Error("internal error: empty range");
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i] as Uint8Array, acc);
  return acc;
}

/**
 * Reads every perfect node the ranges need in one `readHashes` call and returns MTH of each range.
 * The reader's answer is checked for shape (count, 32-byte hashes) because it may come from a
 * network or a database; its content is authenticated only when the proof is verified.
 */
export async function hashRanges(ranges: readonly Range[], readHashes: HashReader): Promise<Uint8Array[]> {
  const plan = ranges.map(([lo, hi]) => perfectNodes(lo, hi));
  const nodes = plan.flat();
  const hashes = await readHashes(nodes);
  if (!Array.isArray(hashes) || hashes.length !== nodes.length) {
    throw new TypeError(`readHashes must return ${nodes.length} hashes for ${nodes.length} nodes`);
  }
  let next = 0;
  return plan.map((rangeNodes) => {
    const part = hashes.slice(next, next + rangeNodes.length);
    part.forEach((hash, i) => {
      if (!(hash instanceof Uint8Array) || hash.length !== 32) {
        const node = rangeNodes[i];
        throw new TypeError(`readHashes returned a malformed hash for node (${node?.level}, ${node?.index})`);
      }
    });
    next += rangeNodes.length;
    return foldRange(part);
  });
}
