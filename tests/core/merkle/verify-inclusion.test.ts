import { describe, expect, it } from "vitest";
import { rootFromInclusionProof, verifyInclusion, verifySubtreeInclusion } from "@/core/merkle";
import { makeLeaves, mth, path } from "./reference-merkle";

const leaves = makeLeaves(5, 1);
const good = {
  index: 2n,
  size: 5n,
  leafHash: leaves[2] as Uint8Array,
  proof: path(2, leaves),
  root: mth(leaves),
};

describe("verifyInclusion", () => {
  it("accepts a valid proof", () => {
    expect(verifyInclusion(good)).toBe(true);
  });

  // Hostile input: every malformed argument is an error naming the parameter, never a "true".
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a number index", { index: 2 }, /index must be a bigint/],
    ["a negative index", { index: -1n }, /index must be in \[0, 2\^64\)/],
    ["an index of 2^64", { index: 1n << 64n }, /index must be in/],
    ["an index equal to size", { index: 5n }, /index must be less than size/],
    ["a size of 0", { index: 0n, size: 0n }, /index must be less than size/],
    ["a string size", { size: "5" }, /size must be a bigint/],
    ["a short leaf hash", { leafHash: new Uint8Array(31) }, /leafHash must be 32 bytes/],
    ["a leaf hash as hex", { leafHash: "ab".repeat(32) }, /leafHash must be a Uint8Array/],
    ["a proof that is not an array", { proof: good.proof[0] }, /proof must be an array/],
    [
      "an empty proof element",
      { proof: [good.proof[0], new Uint8Array(0), good.proof[2]] },
      /proof\[1\] must be 32 bytes/,
    ],
    ["a 33-byte proof element", { proof: [new Uint8Array(33)] }, /proof\[0\] must be 32 bytes/],
    ["a null root", { root: null }, /root must be a Uint8Array/],
  ])("throws for %s", (_, change, message) => {
    expect(() => verifyInclusion({ ...good, ...change } as typeof good)).toThrow(message);
  });

  it("throws for a missing params object", () => {
    expect(() => verifyInclusion(undefined as unknown as typeof good)).toThrow(/params must be an object/);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a root of another length", { root: new Uint8Array(12) }],
    ["an empty proof", { proof: [] }],
    ["a truncated proof", { proof: good.proof.slice(1) }],
    ["an extra hash", { proof: [...good.proof, good.root] }],
    ["the wrong leaf", { leafHash: leaves[3] }],
  ])("returns false for %s", (_, change) => {
    expect(verifyInclusion({ ...good, ...change } as typeof good)).toBe(false);
  });
});

describe("rootFromInclusionProof", () => {
  it("computes the root", () => {
    expect(rootFromInclusionProof(good)).toEqual(good.root);
  });

  it("throws RangeError when the proof has the wrong number of hashes", () => {
    expect(() => rootFromInclusionProof({ ...good, proof: good.proof.slice(1) })).toThrow(
      /wrong number of hashes/,
    );
  });
});

describe("verifySubtreeInclusion", () => {
  const sub = {
    index: 5n,
    start: 4n,
    end: 6n,
    leafHash: leaves[0] as Uint8Array,
    proof: [],
    subtreeHash: new Uint8Array(32),
  };
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["an empty subtree", { start: 4n, end: 4n }, /not a valid subtree/],
    ["a misaligned subtree", { start: 2n, end: 5n, index: 3n }, /not a valid subtree/],
    ["start after end", { start: 6n, end: 4n }, /not a valid subtree/],
    ["an index left of the subtree", { index: 3n }, /outside the subtree/],
    ["an index right of the subtree", { index: 6n }, /outside the subtree/],
    ["a number start", { start: 4 }, /start must be a bigint/],
  ])("throws for %s", (_, change, message) => {
    expect(() => verifySubtreeInclusion({ ...sub, ...change } as typeof sub)).toThrow(message);
  });
});
