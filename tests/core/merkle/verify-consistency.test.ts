import { describe, expect, it } from "vitest";
import {
  EMPTY_TREE_HASH,
  rootFromConsistencyProof,
  verifyConsistency,
  verifySubtreeConsistency,
} from "@/core/merkle";
import { consistencyProof, makeLeaves, mth } from "./reference-merkle";

const leaves = makeLeaves(7, 2);
const good = {
  size1: 3n,
  size2: 7n,
  root1: mth(leaves.slice(0, 3)),
  root2: mth(leaves),
  proof: consistencyProof(3, leaves),
};

describe("verifyConsistency", () => {
  it("accepts a valid proof", () => {
    expect(verifyConsistency(good)).toBe(true);
  });

  it("accepts equal sizes with equal roots and an empty proof", () => {
    expect(verifyConsistency({ ...good, size1: 7n, root1: good.root2, proof: [] })).toBe(true);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["size1 = 0", { size1: 0n }, /size1 must be at least 1/],
    ["size1 > size2", { size1: 8n }, /size1 must not exceed size2/],
    ["a negative size2", { size2: -7n }, /size2 must be in/],
    ["a size2 of 2^64", { size2: 1n << 64n }, /size2 must be in/],
    ["a number size1", { size1: 3 }, /size1 must be a bigint/],
    ["a string root1", { root1: "root" }, /root1 must be a Uint8Array/],
    [
      "a proof element of 31 bytes",
      { proof: [good.proof[0], new Uint8Array(31)] },
      /proof\[1\] must be 32 bytes/,
    ],
    ["a proof of strings", { proof: ["AAAA"] }, /proof\[0\] must be a Uint8Array/],
  ])("throws for %s", (_, change, message) => {
    expect(() => verifyConsistency({ ...good, ...change } as typeof good)).toThrow(message);
  });

  it.each<[string, Record<string, unknown>]>([
    ["equal sizes with different roots", { size1: 7n, proof: [] }],
    ["equal sizes with a non-empty proof", { size1: 7n, root1: good.root2 }],
    ["an empty proof between different sizes", { proof: [] }],
    ["swapped roots", { root1: good.root2, root2: good.root1 }],
    ["a root1 of another length", { root1: new Uint8Array(12) }],
    ["a truncated proof", { proof: good.proof.slice(0, -1) }],
  ])("returns false for %s", (_, change) => {
    expect(verifyConsistency({ ...good, ...change } as typeof good)).toBe(false);
  });
});

describe("rootFromConsistencyProof", () => {
  it("computes root2, or null when the proof does not match root1", () => {
    const { root2: _, ...params } = good;
    expect(rootFromConsistencyProof(params)).toEqual(good.root2);
    expect(rootFromConsistencyProof({ ...params, root1: good.root2 })).toBeNull();
  });

  it("throws RangeError for a proof of the wrong length", () => {
    const { root2: _, ...params } = good;
    expect(() => rootFromConsistencyProof({ ...params, proof: good.proof.slice(1) })).toThrow(/wrong number/);
  });
});

describe("verifySubtreeConsistency", () => {
  const sub = { start: 4n, end: 6n, size: 7n, proof: [], subtreeHash: EMPTY_TREE_HASH, root: good.root2 };

  it("treats an empty subtree with hash SHA-256('') and an empty proof as consistent", () => {
    expect(verifySubtreeConsistency({ ...sub, start: 5n, end: 5n })).toBe(true);
    expect(verifySubtreeConsistency({ ...sub, start: 5n, end: 5n, subtreeHash: good.root1 })).toBe(false);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["end > size", { end: 8n, start: 0n }, /end must not exceed size/],
    ["a misaligned subtree", { start: 1n, end: 3n }, /not a valid subtree/],
    ["start > end", { start: 6n, end: 4n }, /not a valid subtree/],
    ["a number size", { size: 7 }, /size must be a bigint/],
    ["a non-array proof", { proof: "x" }, /proof must be an array/],
  ])("throws for %s", (_, change, message) => {
    expect(() => verifySubtreeConsistency({ ...sub, ...change } as typeof sub)).toThrow(message);
  });
});
