import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendLeafHash,
  compactRangeRoot,
  computeRootHash,
  createMemoryHashReader,
  EMPTY_COMPACT_RANGE,
  generateConsistencyProof,
  generateInclusionProof,
  generateSubtreeConsistencyProof,
  generateSubtreeInclusionProof,
  type HashReader,
  loadCompactRange,
  merkleTreeHash,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from "@/core/merkle";
import {
  consistencyProof,
  flipBit,
  makeLeaves,
  mth,
  path,
  referenceVerifyConsistency,
  referenceVerifyInclusion,
} from "./reference-merkle";

const RUNS = { numRuns: 200 };

/** A verifier "rejects" by returning false or throwing one of its argument errors. */
function outcome(check: () => boolean): boolean {
  try {
    return check();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return false;
    throw error;
  }
}

// A random tree (1..300 distinct leaves) and an index in it.
const treeAndIndex = fc
  .record({ size: fc.integer({ min: 1, max: 300 }), salt: fc.nat() })
  .chain(({ size, salt }) =>
    fc.record({ size: fc.constant(size), salt: fc.constant(salt), index: fc.nat(size - 1) }),
  );

// A random tree and two sizes 1 <= size1 <= size2 = tree size.
const treeAndSizes = fc
  .record({ size: fc.integer({ min: 1, max: 300 }), salt: fc.nat() })
  .chain(({ size, salt }) =>
    fc.record({ size: fc.constant(size), salt: fc.constant(salt), size1: fc.integer({ min: 1, max: size }) }),
  );

describe("generateInclusionProof and verifyInclusion", () => {
  it("produces PATH(m, D[n]) and every generated proof verifies", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, async ({ size, salt, index }) => {
        const leaves = makeLeaves(size, salt);
        const proof = await generateInclusionProof({
          index: BigInt(index),
          size: BigInt(size),
          readHashes: createMemoryHashReader(leaves),
        });
        expect(proof).toEqual(path(index, leaves));
        const params = {
          index: BigInt(index),
          size: BigInt(size),
          leafHash: leaves[index] as Uint8Array,
          proof,
        };
        const root = mth(leaves);
        expect(verifyInclusion({ ...params, root })).toBe(true);
        expect(rootFromInclusionProof(params)).toEqual(root);
      }),
      RUNS,
    );
  });

  it("rejects a proof with any single bit flipped in a proof hash, the leaf hash or the root", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, fc.nat(), fc.nat(255), async ({ size, salt, index }, which, bit) => {
        const leaves = makeLeaves(size, salt);
        const proof = path(index, leaves);
        const base = {
          index: BigInt(index),
          size: BigInt(size),
          leafHash: leaves[index] as Uint8Array,
          proof,
          root: mth(leaves),
        };
        if (proof.length > 0) {
          const i = which % proof.length;
          const broken = proof.map((h, j) => (j === i ? flipBit(h, bit) : h));
          expect(verifyInclusion({ ...base, proof: broken })).toBe(false);
        }
        expect(verifyInclusion({ ...base, leafHash: flipBit(base.leafHash, bit) })).toBe(false);
        expect(verifyInclusion({ ...base, root: flipBit(base.root, bit) })).toBe(false);
      }),
      RUNS,
    );
  });

  it("rejects the proof for any other index", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, fc.nat(), async ({ size, salt, index }, other) => {
        const leaves = makeLeaves(size, salt);
        const wrong = BigInt(other % (size + 2)); // Includes indices beyond the tree.
        fc.pre(wrong !== BigInt(index));
        const check = () =>
          verifyInclusion({
            index: wrong,
            size: BigInt(size),
            leafHash: leaves[index] as Uint8Array,
            proof: path(index, leaves),
            root: mth(leaves),
          });
        expect(outcome(check)).toBe(false);
      }),
      RUNS,
    );
  });

  // RFC 6962 proofs do not commit to the tree size on their own: the same hashes verify for any
  // size whose path from the leaf has the same shape (e.g. leaf 0 in sizes 3 and 4), which is why
  // a checkpoint signs size and root together. So a changed size must be rejected exactly when the
  // recursive definition (reference) rejects it.
  it("accepts a changed tree size only where the recursive definition of PATH does", async () => {
    await fc.assert(
      fc.asyncProperty(
        treeAndIndex,
        fc.integer({ min: 1, max: 700 }),
        async ({ size, salt, index }, other) => {
          fc.pre(other !== size);
          const leaves = makeLeaves(size, salt);
          const args = [
            BigInt(index),
            BigInt(other),
            leaves[index] as Uint8Array,
            path(index, leaves),
            mth(leaves),
          ] as const;
          const check = () =>
            verifyInclusion({
              index: args[0],
              size: args[1],
              leafHash: args[2],
              proof: args[3],
              root: args[4],
            });
          expect(outcome(check)).toBe(referenceVerifyInclusion(...args));
        },
      ),
      RUNS,
    );
  });

  it("rejects a proof with a hash added, removed, duplicated or swapped", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, fc.nat(), async ({ size, salt, index }, which) => {
        const leaves = makeLeaves(size, salt);
        const proof = path(index, leaves);
        const base = {
          index: BigInt(index),
          size: BigInt(size),
          leafHash: leaves[index] as Uint8Array,
          root: mth(leaves),
        };
        const variants: Uint8Array[][] = [
          [...proof, base.root],
          [base.root, ...proof],
        ];
        if (proof.length > 0) {
          const i = which % proof.length;
          variants.push(proof.filter((_, j) => j !== i));
          variants.push([...proof.slice(0, i + 1), ...proof.slice(i)]);
        }
        if (proof.length > 1) {
          const i = which % (proof.length - 1);
          const swapped = [...proof];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1] as Uint8Array, swapped[i] as Uint8Array];
          variants.push(swapped);
        }
        for (const variant of variants) expect(verifyInclusion({ ...base, proof: variant })).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("generateConsistencyProof and verifyConsistency", () => {
  it("produces PROOF(m, D[n]) and every generated proof verifies", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndSizes, async ({ size, salt, size1 }) => {
        const leaves = makeLeaves(size, salt);
        const proof = await generateConsistencyProof({
          size1: BigInt(size1),
          size2: BigInt(size),
          readHashes: createMemoryHashReader(leaves),
        });
        expect(proof).toEqual(consistencyProof(size1, leaves));
        const root1 = mth(leaves.slice(0, size1));
        const root2 = mth(leaves);
        expect(verifyConsistency({ size1: BigInt(size1), size2: BigInt(size), root1, root2, proof })).toBe(
          true,
        );
        expect(rootFromConsistencyProof({ size1: BigInt(size1), size2: BigInt(size), root1, proof })).toEqual(
          root2,
        );
      }),
      RUNS,
    );
  });

  it("rejects a proof with any single bit flipped in a proof hash or either root", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndSizes, fc.nat(), fc.nat(255), async ({ size, salt, size1 }, which, bit) => {
        const leaves = makeLeaves(size, salt);
        const proof = consistencyProof(size1, leaves);
        const base = {
          size1: BigInt(size1),
          size2: BigInt(size),
          root1: mth(leaves.slice(0, size1)),
          root2: mth(leaves),
          proof,
        };
        if (proof.length > 0) {
          const i = which % proof.length;
          const broken = proof.map((h, j) => (j === i ? flipBit(h, bit) : h));
          expect(verifyConsistency({ ...base, proof: broken })).toBe(false);
        }
        expect(verifyConsistency({ ...base, root1: flipBit(base.root1, bit) })).toBe(false);
        expect(verifyConsistency({ ...base, root2: flipBit(base.root2, bit) })).toBe(false);
      }),
      RUNS,
    );
  });

  it("accepts changed sizes only where the recursive definition of SUBPROOF does", async () => {
    await fc.assert(
      fc.asyncProperty(
        treeAndSizes,
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 700 }),
        fc.boolean(),
        async ({ size, salt, size1 }, a, b, changeBoth) => {
          const leaves = makeLeaves(size, salt);
          const s1 = BigInt(changeBoth ? a : size1);
          const s2 = BigInt(b);
          fc.pre(s1 !== BigInt(size1) || s2 !== BigInt(size));
          const root1 = mth(leaves.slice(0, size1));
          const root2 = mth(leaves);
          const proof = consistencyProof(size1, leaves);
          const check = () => verifyConsistency({ size1: s1, size2: s2, root1, root2, proof });
          expect(outcome(check)).toBe(referenceVerifyConsistency(s1, s2, root1, root2, proof));
        },
      ),
      RUNS,
    );
  });

  it("rejects a proof with a hash added, removed or duplicated", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndSizes, fc.nat(), async ({ size, salt, size1 }, which) => {
        const leaves = makeLeaves(size, salt);
        const proof = consistencyProof(size1, leaves);
        const base = {
          size1: BigInt(size1),
          size2: BigInt(size),
          root1: mth(leaves.slice(0, size1)),
          root2: mth(leaves),
        };
        const variants: Uint8Array[][] = [
          [...proof, base.root2],
          [base.root1, ...proof],
        ];
        if (proof.length > 0) {
          const i = which % proof.length;
          variants.push(proof.filter((_, j) => j !== i));
          variants.push([...proof.slice(0, i + 1), ...proof.slice(i)]);
        }
        for (const variant of variants) expect(verifyConsistency({ ...base, proof: variant })).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("subtree proofs", () => {
  // A random valid subtree [start, end) of a random tree: start is a multiple of BIT_CEIL(end - start).
  const treeAndSubtree = fc
    .record({ size: fc.integer({ min: 1, max: 300 }), salt: fc.nat(), a: fc.nat(), b: fc.nat() })
    .map(({ size, salt, a, b }) => {
      const length = 1 + (a % size);
      let ceil = 1;
      while (ceil < length) ceil *= 2;
      const slots = Math.floor((size - length) / ceil) + 1;
      const start = (b % slots) * ceil;
      return { size, salt, start, end: start + length };
    });

  it("generates subtree inclusion proofs that verify against MTH(D[start:end])", async () => {
    await fc.assert(
      fc.asyncProperty(
        treeAndSubtree,
        fc.nat(),
        fc.nat(255),
        async ({ size, salt, start, end }, pick, bit) => {
          const leaves = makeLeaves(size, salt);
          const index = start + (pick % (end - start));
          const proof = await generateSubtreeInclusionProof({
            index: BigInt(index),
            start: BigInt(start),
            end: BigInt(end),
            readHashes: createMemoryHashReader(leaves),
          });
          expect(proof).toEqual(path(index - start, leaves.slice(start, end)));
          const params = {
            index: BigInt(index),
            start: BigInt(start),
            end: BigInt(end),
            leafHash: leaves[index] as Uint8Array,
            proof,
            subtreeHash: mth(leaves.slice(start, end)),
          };
          expect(verifySubtreeInclusion(params)).toBe(true);
          expect(verifySubtreeInclusion({ ...params, subtreeHash: flipBit(params.subtreeHash, bit) })).toBe(
            false,
          );
        },
      ),
      RUNS,
    );
  });

  it("generates subtree consistency proofs that verify, and rejects any flipped bit", async () => {
    await fc.assert(
      fc.asyncProperty(
        treeAndSubtree,
        fc.nat(),
        fc.nat(255),
        async ({ size, salt, start, end }, which, bit) => {
          const leaves = makeLeaves(size, salt);
          const proof = await generateSubtreeConsistencyProof({
            start: BigInt(start),
            end: BigInt(end),
            size: BigInt(size),
            readHashes: createMemoryHashReader(leaves),
          });
          if (start === 0) expect(proof).toEqual(end === size ? [] : consistencyProof(end, leaves));
          const params = {
            start: BigInt(start),
            end: BigInt(end),
            size: BigInt(size),
            proof,
            subtreeHash: mth(leaves.slice(start, end)),
            root: mth(leaves),
          };
          expect(verifySubtreeConsistency(params)).toBe(true);
          expect(verifySubtreeConsistency({ ...params, subtreeHash: flipBit(params.subtreeHash, bit) })).toBe(
            false,
          );
          expect(verifySubtreeConsistency({ ...params, root: flipBit(params.root, bit) })).toBe(false);
          if (proof.length > 0) {
            const i = which % proof.length;
            const broken = proof.map((h, j) => (j === i ? flipBit(h, bit) : h));
            expect(verifySubtreeConsistency({ ...params, proof: broken })).toBe(false);
            expect(verifySubtreeConsistency({ ...params, proof: proof.filter((_, j) => j !== i) })).toBe(
              false,
            );
          }
          expect(verifySubtreeConsistency({ ...params, proof: [...proof, params.root] })).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

describe("appendLeafHash and compactRangeRoot", () => {
  it("tracks MTH of every prefix and emits exactly the perfect nodes each leaf completes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 200 }), fc.nat(), async (size, salt) => {
        const leaves = makeLeaves(size, salt);
        const reader = createMemoryHashReader(leaves);
        let range = EMPTY_COMPACT_RANGE;
        expect(compactRangeRoot(range)).toEqual(merkleTreeHash([]));
        for (let i = 0; i < size; i++) {
          const { range: next, nodes } = appendLeafHash(range, leaves[i] as Uint8Array);
          range = next;
          expect(range.size).toBe(BigInt(i + 1));
          expect(compactRangeRoot(range)).toEqual(mth(leaves.slice(0, i + 1)));
          // Leaf i completes the nodes at levels 0..t, where t = trailing ones of i.
          let expectedLevels = 1;
          for (let v = i; v & 1; v >>= 1) expectedLevels++;
          expect(nodes.map((n) => n.level)).toEqual(Array.from({ length: expectedLevels }, (_, l) => l));
          expect(nodes.map((n) => n.hash)).toEqual(await reader(nodes));
        }
        const loaded = await loadCompactRange({ size: BigInt(size), readHashes: reader });
        expect(loaded).toEqual(range);
        expect(await computeRootHash({ size: BigInt(size), readHashes: reader })).toEqual(mth(leaves));
      }),
      { numRuns: 50 },
    );
  });
});

describe("proofs near 2^64", () => {
  // A tree whose leaves all have the same hash has node(level, i) = f(level) for every i, so any
  // size can be "stored" lazily. It exercises the bigint arithmetic at the top of the uint64 range.
  const uniform = (leaf: Uint8Array): HashReader => {
    const f = [leaf];
    for (let l = 1; l < 64; l++) f.push(merkleTreeHash([f[l - 1] as Uint8Array, f[l - 1] as Uint8Array]));
    return async (nodes) => nodes.map(({ level }) => f[level] as Uint8Array);
  };
  const MAX = (1n << 64n) - 1n;

  it("generates and verifies inclusion and consistency proofs for indices up to 2^64 - 2", async () => {
    const readHashes = uniform(makeLeaves(1, 7)[0] as Uint8Array);
    const leafHash = (await readHashes([{ level: 0, index: 0n }]))[0] as Uint8Array;
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: MAX }),
        fc.bigInt({ min: 0n, max: MAX }),
        async (size, pick) => {
          const index = pick % size;
          const root = await computeRootHash({ size, readHashes });
          const proof = await generateInclusionProof({ index, size, readHashes });
          expect(proof.length).toBeLessThanOrEqual(64);
          expect(verifyInclusion({ index, size, leafHash, proof, root })).toBe(true);
          const size1 = 1n + (pick % size);
          const root1 = await computeRootHash({ size: size1, readHashes });
          const consistency = await generateConsistencyProof({ size1, size2: size, readHashes });
          expect(verifyConsistency({ size1, size2: size, root1, root2: root, proof: consistency })).toBe(
            true,
          );
          expect(
            verifyConsistency({ size1, size2: size, root1, root2: flipBit(root, 3), proof: consistency }),
          ).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});
