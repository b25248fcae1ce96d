// Reference Merkle tree code for tests, written straight from the recursive definitions in
// c2sp.org/merkle-tree (MTH, PATH, SUBPROOF; RFC 6962 2.1) rather than from RFC 9162's iterative
// bit-twiddling verifiers that core/ implements. Property tests compare the two: an independent
// formulation catches mistakes a test written from the same algorithm would repeat.

import { sha256 } from "@noble/hashes/sha2.js";

export function leafHashOf(entry: Uint8Array): Uint8Array {
  return sha256(Uint8Array.from([0, ...entry]));
}

export function nodeOf(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Uint8Array.from([1, ...left, ...right]));
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes, by definition. */
export function mth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  const k = split(leaves.length);
  return nodeOf(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** PATH(m, D[n]) by definition. */
export function path(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) by definition, for 0 < m <= n. */
export function consistencyProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  const sub = (m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] => {
    if (m === d.length) return b ? [] : [mth(d)];
    const k = split(d.length);
    return m <= k
      ? [...sub(m, d.slice(0, k), b), mth(d.slice(k))]
      : [...sub(m - k, d.slice(k), false), mth(d.slice(0, k))];
  };
  return sub(m, leaves, true);
}

/** Inclusion verification by undoing PATH's recursion (consumes the proof from its end). */
export function referenceVerifyInclusion(
  index: bigint,
  size: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const evaluate = (m: bigint, n: bigint, p: readonly Uint8Array[]): Uint8Array | null => {
    if (n === 1n) return p.length === 0 ? leafHash : null;
    const top = p[p.length - 1];
    if (top === undefined) return null;
    const rest = p.slice(0, -1);
    let k = 1n;
    while (k * 2n < n) k *= 2n;
    if (m < k) {
      const sub = evaluate(m, k, rest);
      return sub && nodeOf(sub, top);
    }
    const sub = evaluate(m - k, n - k, rest);
    return sub && nodeOf(top, sub);
  };
  if (index >= size) return false;
  const computed = evaluate(index, size, proof);
  return computed !== null && equal(computed, root);
}

/** Consistency verification by undoing SUBPROOF's recursion. */
export function referenceVerifyConsistency(
  size1: bigint,
  size2: bigint,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  type Pair = { old: Uint8Array; new: Uint8Array };
  const evaluate = (m: bigint, n: bigint, b: boolean, p: readonly Uint8Array[]): Pair | null => {
    if (m === n) {
      if (b) return p.length === 0 ? { old: root1, new: root1 } : null;
      const only = p[0];
      return p.length === 1 && only !== undefined ? { old: only, new: only } : null;
    }
    const top = p[p.length - 1];
    if (top === undefined) return null;
    const rest = p.slice(0, -1);
    let k = 1n;
    while (k * 2n < n) k *= 2n;
    if (m <= k) {
      const sub = evaluate(m, k, b, rest);
      return sub && { old: sub.old, new: nodeOf(sub.new, top) };
    }
    const sub = evaluate(m - k, n - k, false, rest);
    return sub && { old: nodeOf(top, sub.old), new: nodeOf(top, sub.new) };
  };
  if (size1 === 0n || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  const result = evaluate(size1, size2, true, proof);
  return result !== null && equal(result.old, root1) && equal(result.new, root2);
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Distinct leaves: entry i is the 8-byte encoding of i plus a per-tree salt. */
export function makeLeaves(count: number, salt: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const entry = new Uint8Array(12);
    new DataView(entry.buffer).setUint32(0, salt);
    new DataView(entry.buffer).setBigUint64(4, BigInt(i));
    return leafHashOf(entry);
  });
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const i = Math.floor(bit / 8) % copy.length;
  copy[i] = (copy[i] as number) ^ (1 << (bit % 8));
  return copy;
}
