import { assertBytes, assertHashList, assertObject, assertUint64 } from "../internal/assert";
import { bytesEqual } from "../internal/bytes";
import { EMPTY_TREE_HASH } from "./constants";
import { nodeHash } from "./hash-children";
import { isValidSubtree } from "./is-valid-subtree";

export interface VerifySubtreeConsistencyParams {
  /** First leaf of the subtree. */
  readonly start: bigint;
  /** One past the last leaf of the subtree; at most `size`. */
  readonly end: bigint;
  /** Size of the whole tree. */
  readonly size: bigint;
  readonly proof: readonly Uint8Array[];
  /** Expected MTH(D[start:end]). */
  readonly subtreeHash: Uint8Array;
  /** Expected root of the tree of `size` leaves. */
  readonly root: Uint8Array;
}

/**
 * Verifies a subtree consistency proof (draft-ietf-plants-merkle-tree-certs, "Verifying a Subtree
 * Consistency Proof"): true if `proof` shows that the subtree [start, end) with hash `subtreeHash`
 * sits at those leaf positions in the tree of `size` leaves with root `root`. With start = 0 this
 * is an ordinary RFC 6962 consistency proof from size `end` to `size`.
 *
 * As in transparency-dev/merkle (whose test vectors Plaza runs), an empty range [k, k) with
 * k <= size is accepted when its hash is MTH({}) = SHA-256("") and the proof is empty: it commits
 * to no leaves, so it is trivially consistent with any tree. Otherwise [start, end) must be a
 * valid subtree (RangeError if not, or if end > size); malformed hashes throw TypeError; a
 * well-formed but wrong proof returns false.
 */
export function verifySubtreeConsistency(params: VerifySubtreeConsistencyParams): boolean {
  assertObject(params, "params");
  const { start, end, size, proof, subtreeHash, root } = params;
  assertUint64(start, "start");
  assertUint64(end, "end");
  assertUint64(size, "size");
  if (end > size) throw new RangeError(`end must not exceed size, got ${end} > ${size}`);
  assertHashList(proof, "proof");
  assertBytes(subtreeHash, "subtreeHash");
  assertBytes(root, "root");
  if (start === end) return proof.length === 0 && bytesEqual(subtreeHash, EMPTY_TREE_HASH);
  if (!isValidSubtree(start, end))
    throw new RangeError(`[start, end) = [${start}, ${end}) is not a valid subtree`);

  // fn, sn and tn follow the subtree's first leaf, its last leaf and the tree's last leaf up the
  // tree; each right shift climbs one level.
  let fn = start;
  let sn = end - 1n;
  let tn = size - 1n;
  const up = () => {
    fn >>= 1n;
    sn >>= 1n;
    tn >>= 1n;
  };
  if (sn === tn) {
    // The subtree reaches the tree's right edge: no sibling right of it until its own root.
    while (fn !== sn) up();
  } else {
    // Interior subtree: climb while sn is a right child, i.e. inside its largest perfect part.
    while (fn !== sn && (sn & 1n) === 1n) up();
  }
  // If the subtree is a single node here its hash seeds both chains; otherwise the proof starts
  // with the rightmost perfect node inside it.
  let rest: readonly Uint8Array[];
  let fr: Uint8Array;
  if (fn === sn) {
    // About to be hashed with proof nodes: a value of another length cannot be a node hash.
    if (subtreeHash.length !== 32 && proof.length > 0) return false;
    fr = subtreeHash;
    rest = proof;
  } else {
    const first = proof[0];
    if (first === undefined) return false;
    fr = first;
    rest = proof.slice(1);
  }
  let sr = fr;
  for (const c of rest) {
    if (tn === 0n) return false; // More hashes than levels.
    if ((sn & 1n) === 1n || sn === tn) {
      // c is a left sibling: it belongs to the subtree's hash while we are still inside it
      // (fn < sn), and always to the root.
      if (fn < sn) fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      // On the ragged right edge the merged node skips levels where it has no sibling.
      while ((sn & 1n) === 0n && sn !== 0n) up();
    } else {
      // c is a right sibling outside the subtree: only the root absorbs it.
      sr = nodeHash(sr, c);
    }
    up();
  }
  return tn === 0n && bytesEqual(fr, subtreeHash) && bytesEqual(sr, root);
}
