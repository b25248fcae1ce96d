// The RFC 9162 verification loops, shared by the verify* and rootFrom* functions. Internal: these
// take already-checked arguments and return null when the proof has the wrong number of hashes
// for the given sizes, so each caller can decide between `false` and a RangeError.

import { bytesEqual } from "../internal/bytes";
import { nodeHash } from "./hash-children";

/**
 * RFC 9162 2.1.3.2, "Verifying an Inclusion Proof", steps 2-4: the root implied by `proof` for
 * leaf `index` (hash `leafHash`) in a tree of `size` leaves, or null if the proof is too long or
 * too short. Requires 0 <= index < size.
 *
 * fn walks the leaf's position up the tree and sn the last leaf's. Where fn is a right child, or
 * has reached the right edge (fn == sn, a node with no right sibling at this level), the proof
 * hash is a left sibling; the inner right-shift loop then skips the levels where the right edge
 * node is promoted unchanged because the tree is not a power of two wide.
 */
export function chainInclusion(
  index: bigint,
  size: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | null {
  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) return null; // More hashes than levels: too long.
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null; // sn > 0: levels left over, too short.
}

/**
 * RFC 9162 2.1.4.2, "Verifying Consistency between Two Tree Heads", for 0 < size1 < size2 and a
 * non-empty proof. Returns the root of the size2 tree implied by the proof if the proof also
 * reproduces root1, "mismatch" if it does not, or null if the proof has the wrong length.
 *
 * fr rebuilds the old root and sr the new one from the same hashes: fr only absorbs left siblings
 * (everything right of the old tree's last leaf is newer), sr absorbs all of them. If both come
 * out right, the old tree is a prefix of the new one.
 */
export function chainConsistency(
  size1: bigint,
  size2: bigint,
  root1: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | "mismatch" | null {
  // Step 2: if size1 is a power of two, the old tree is a single perfect node of the new tree whose
  // hash the verifier already has (root1), so the proof omits it and we seed with root1.
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : proof;
  // Step 3-4: start at the old tree's last leaf and climb while it is a right child; those levels
  // lie inside a perfect subtree whose root is the first hash of the path.
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 5.
  const seed = path[0];
  if (seed === undefined) return null;
  if (seed.length !== 32) return "mismatch"; // A root of another length is no SHA-256 node.
  let fr = seed;
  let sr = seed;
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 7.
  if (sn !== 0n) return null;
  return bytesEqual(fr, root1) ? sr : "mismatch";
}
