import { hexToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import {
  createMemoryHashReader,
  EMPTY_TREE_HASH,
  generateConsistencyProof,
  generateInclusionProof,
  hashChildren,
  hashLeaf,
  merkleTreeHash,
} from "@/core/merkle";

// The RFC 6962 reference tree used by Certificate Transparency and transparency-dev/merkle
// (proof/verify_test.go): eight leaves and the root of every prefix.
const LEAVES = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
];
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

describe("merkleTreeHash", () => {
  it("is SHA-256 of the empty string for the empty tree", () => {
    expect(merkleTreeHash([])).toEqual(
      hexToBytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    );
    expect(EMPTY_TREE_HASH).toEqual(merkleTreeHash([]));
  });

  it("matches the RFC 6962 reference roots for every prefix of the reference tree", () => {
    const leafHashes = LEAVES.map((hex) => hashLeaf(hexToBytes(hex)));
    ROOTS.forEach((root, i) => {
      expect(merkleTreeHash(leafHashes.slice(0, i + 1)), `size ${i + 1}`).toEqual(hexToBytes(root));
    });
  });

  it("rejects leaf hashes that are not 32 bytes", () => {
    expect(() => merkleTreeHash([new Uint8Array(31)])).toThrow(/leafHashes\[0\] must be 32 bytes/);
    expect(() => merkleTreeHash("x" as unknown as Uint8Array[])).toThrow(TypeError);
  });
});

// c2sp.org/merkle-tree "Example": a 7-entry tree with labelled nodes and its listed proofs.
describe("the c2sp.org/merkle-tree example tree", () => {
  const d = Array.from({ length: 7 }, (_, i) => new TextEncoder().encode(`d[${i}]`));
  const [a, b, c, dd, e, f, g] = d.map(hashLeaf) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  const h = hashChildren(a, b);
  const i = hashChildren(c, dd);
  const j = hashChildren(e, f);
  const k = hashChildren(h, i);
  const l = hashChildren(j, g);
  const root = hashChildren(k, l);
  const reader = createMemoryHashReader([a, b, c, dd, e, f, g]);

  it("has the root the example derives", () => {
    expect(merkleTreeHash([a, b, c, dd, e, f, g])).toEqual(root);
  });

  it.each([
    [0n, [b, i, l]],
    [3n, [c, h, l]],
    [4n, [f, g, k]],
    [6n, [j, k]],
  ])("builds the listed inclusion proof for index %s", async (index, expected) => {
    expect(await generateInclusionProof({ index, size: 7n, readHashes: reader })).toEqual(expected);
  });

  it.each([
    [3n, [c, dd, h, l]],
    [4n, [l]],
    [6n, [j, g, k]],
  ])("builds the listed consistency proof from size %s to 7", async (size1, expected) => {
    expect(await generateConsistencyProof({ size1, size2: 7n, readHashes: reader })).toEqual(expected);
  });
});

describe("hashLeaf and hashChildren", () => {
  it("prefix 0x00 for leaves and 0x01 for nodes", () => {
    expect(hashLeaf(new Uint8Array(0))).toEqual(hexToBytes(ROOTS[0] as string));
  });

  it.each([
    ["a string", "abc"],
    ["null", null],
    ["a number array", [1, 2, 3]],
  ])("hashLeaf rejects %s", (_, value) => {
    expect(() => hashLeaf(value as unknown as Uint8Array)).toThrow(/entry must be a Uint8Array/);
  });

  it.each([
    ["a short left child", new Uint8Array(31), new Uint8Array(32), /left must be 32 bytes/],
    ["a long right child", new Uint8Array(32), new Uint8Array(33), /right must be 32 bytes/],
    ["a non-byte child", "x", new Uint8Array(32), /left must be a Uint8Array/],
  ])("hashChildren rejects %s", (_, left, right, message) => {
    expect(() => hashChildren(left as Uint8Array, right as Uint8Array)).toThrow(message);
  });
});
