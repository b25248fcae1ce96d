import { bn254 } from "@noble/curves/bn254.js";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  BN254_FIELD_MODULUS,
  BN254_SCALAR_MODULUS,
  type Bn254Engine,
  createBn254Engine,
  decodeSemaphoreProof,
  type Groth16BatchItem,
  type Groth16VerificationKey,
  type SemaphoreProof,
  verifyGroth16Batch,
  verifySemaphoreBatch,
} from "@/core/groth16";
import {
  cloneProof,
  FIXTURE_PROOFS,
  mulAny,
  pointA,
  pointB,
  semaphoreKeys,
  stockVerify,
  TWIST_COFACTOR_PRIMES,
  testEngine,
  torsionPoint,
  twistPoint,
  withA,
  withB,
} from "./helpers";

const F = FIXTURE_PROOFS;
const P = BN254_FIELD_MODULUS;
const R = BN254_SCALAR_MODULUS;
const at = (i: number) => F[i] as SemaphoreProof;
const setPoint = (proof: SemaphoreProof, i: number, value: bigint | string) => {
  const points = [...proof.points];
  points[i] = String(value);
  return cloneProof(proof, { points });
};

let engine: Bn254Engine;
let keys: Map<number, Groth16VerificationKey>;
beforeAll(async () => {
  engine = await testEngine();
  keys = semaphoreKeys();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const verify = (proofs: readonly SemaphoreProof[], maxBatchSize?: number) =>
  verifySemaphoreBatch(keys, proofs, { engine, maxBatchSize });

describe("verifySemaphoreBatch", () => {
  it("accepts every real proof, of every depth, in one batch", async () => {
    expect(F.map((p) => p.merkleTreeDepth)).toEqual([1, 1, 2, 2, 3, 3, 4, 10, 16]);
    expect(verify(F)).toEqual(F.map(() => true));
    for (const [i, p] of F.entries())
      expect(await stockVerify(p), `stock verifyProof of proof ${i}`).toBe(true);
  });

  it("accepts a single proof, an empty batch and a proof repeated", () => {
    expect(verify([at(4)])).toEqual([true]);
    expect(verify([])).toEqual([]);
    expect(verify([at(2), at(2), at(2)])).toEqual([true, true, true]);
  });

  // Each case replaces proof `target` of the fixture batch; exactly that one must fail, and
  // Semaphore's own verifyProof (snarkjs) must give the same answer on every item.
  const G2 = bn254.G2.Point;
  const cases: [string, number, () => SemaphoreProof][] = [
    ["A doubled (a tampered point)", 0, () => withA(at(0), pointA(at(0)).double())],
    ["A negated", 5, () => withA(at(5), pointA(at(5)).negate())],
    [
      "A taken from another proof",
      2,
      () => cloneProof(at(2), { points: [...at(3).points.slice(0, 2), ...at(2).points.slice(2)] }),
    ],
    ["B taken from another proof", 3, () => withB(at(3), pointB(at(4)))],
    [
      "C taken from another proof",
      7,
      () => cloneProof(at(7), { points: [...at(7).points.slice(0, 6), ...at(8).points.slice(6)] }),
    ],
    [
      "root and nullifier swapped",
      1,
      () => cloneProof(at(1), { merkleTreeRoot: at(1).nullifier, nullifier: at(1).merkleTreeRoot }),
    ],
    ["another nullifier", 6, () => cloneProof(at(6), { nullifier: String(BigInt(at(6).nullifier) + 1n) })],
    ["another message", 4, () => cloneProof(at(4), { message: String(BigInt(at(4).message) + 1n) })],
    ["another scope", 8, () => cloneProof(at(8), { scope: "1" })],
    ["the key of the wrong depth", 0, () => cloneProof(at(0), { merkleTreeDepth: 2 })],
    ["a depth-16 proof under the depth-10 key", 8, () => cloneProof(at(8), { merkleTreeDepth: 10 })],
    [
      "B plus a point of order 10069 (on the twist, outside G2)",
      2,
      () => withB(at(2), pointB(at(2)).add(torsionPoint(10069n))),
    ],
    ["B a random point of the twist, outside G2", 5, () => withB(at(5), twistPoint(12345n))],
    ["A off the curve", 3, () => setPoint(at(3), 1, BigInt(at(3).points[1] as string) + 1n)],
    ["C off the curve", 1, () => setPoint(at(1), 7, (BigInt(at(1).points[7] as string) + 1n) % P)],
    ["B off the twist", 6, () => setPoint(at(6), 3, BigInt(at(6).points[3] as string) + 1n)],
    [
      "A = (0, 0), which snarkjs's curve code reads as infinity",
      4,
      () => setPoint(setPoint(at(4), 0, 0n), 1, 0n),
    ],
    [
      "B = (0, 0)",
      7,
      () =>
        cloneProof(at(7), {
          points: [...at(7).points.slice(0, 2), "0", "0", "0", "0", ...at(7).points.slice(6)],
        }),
    ],
    ["C = the generator", 0, () => cloneProof(at(0), { points: [...at(0).points.slice(0, 6), "1", "2"] })],
    ["B = the generator of G2", 8, () => withB(at(8), G2.BASE)],
  ];

  it.each(cases)("refuses only the proof with %s", async (_, target, make) => {
    const batch = F.map((p, i) => (i === target ? make() : p));
    const expected = F.map((_, i) => i !== target);
    expect(verify(batch)).toEqual(expected);
    expect(verify(batch, 1), "one proof per batch").toEqual(expected);
    const stock = await Promise.all(batch.map(stockVerify));
    expect(stock, "Semaphore's verifyProof agrees on every item").toEqual(expected);
  });

  it("throws on a non-canonical coordinate, which snarkjs would reduce and accept", async () => {
    const x = BigInt(at(2).points[0] as string);
    const malleable = setPoint(at(2), 0, x + P);
    expect(() => verify([at(0), malleable])).toThrow(RangeError);
    expect(() => verify([at(0), malleable])).toThrow(
      /^proofs\[1\]\.points\[0\] must be below the BN254 field modulus/,
    );
    expect(await stockVerify(malleable), "snarkjs reduces x + p to x").toBe(true);
  });

  it("throws on a malformed proof, naming it, before verifying anything", () => {
    expect(() => verify([at(0), at(1), cloneProof(at(2), { merkleTreeDepth: 0 })])).toThrow(
      /^proofs\[2\]\.merkleTreeDepth/,
    );
    expect(() =>
      verifySemaphoreBatch(new Map([[1, keys.get(1) as Groth16VerificationKey]]), [at(2)], { engine }),
    ).toThrow(/^proofs\[0\]\.merkleTreeDepth 2 has no verification key/);
    expect(() => verifySemaphoreBatch(keys, "proofs" as never, { engine })).toThrow(TypeError);
  });

  describe("finds exactly the bad proofs by bisection", () => {
    // 64 proofs: the fixture proofs repeated, each a distinct object.
    const big = Array.from({ length: 64 }, (_, i) => cloneProof(at(i % F.length)));
    const spoil = (p: SemaphoreProof) => cloneProof(p, { nullifier: String((BigInt(p.nullifier) + 1n) % R) });

    it.each<[string, number[]]>([
      ["no proof", []],
      ["the first", [0]],
      ["the last", [63]],
      ["two neighbours", [31, 32]],
      ["three scattered", [5, 6, 40]],
      ["every other one", Array.from({ length: 32 }, (_, i) => 2 * i)],
      ["all of them", Array.from({ length: 64 }, (_, i) => i)],
    ])("with %s bad", (_, bad) => {
      const batch = big.map((p, i) => (bad.includes(i) ? spoil(p) : p));
      const expected = big.map((_, i) => !bad.includes(i));
      expect(verify(batch)).toEqual(expected);
      expect(verify(batch, 7), "batches of 7").toEqual(expected);
    });

    it("on any set of bad proofs", () => {
      const batch = big.slice(0, 24);
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 6 }), (bad) => {
          const spoiled = batch.map((p, i) => (bad.includes(i) ? spoil(p) : p));
          expect(verify(spoiled)).toEqual(batch.map((_, i) => !bad.includes(i)));
        }),
        { numRuns: 12 },
      );
    });
  });

  it("draws 128-bit weights from crypto.getRandomValues once the batch is fixed", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    verify(F, 4);
    // Three batches (4 + 4 + 1 proofs), one draw each of four 32-bit words per proof.
    expect(spy.mock.calls.map(([array]) => (array as Uint32Array).length)).toEqual([16, 16, 4]);
  });

  it("draws no weights for a batch with no proof in its groups", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    expect(verify([setPoint(at(0), 1, 1n)])).toEqual([false]);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("verifyGroth16Batch", () => {
  const item = (i: number): Groth16BatchItem => {
    const decoded = decodeSemaphoreProof(at(i));
    return { keyId: decoded.merkleTreeDepth, proof: decoded.proof, publicSignals: decoded.publicSignals };
  };

  it("verifies decoded items against the key of their keyId", () => {
    expect(verifyGroth16Batch(keys, [item(0), item(8)], { engine })).toEqual([true, true]);
    expect(verifyGroth16Batch(keys, [{ ...item(0), keyId: 3 }, item(8)], { engine })).toEqual([false, true]);
  });

  it("recognises a key parsed twice as the same key", () => {
    const copy = new Map([...keys].map(([depth, key]) => [depth, { ...key, ic: [...key.ic] }]));
    expect(verifyGroth16Batch(copy, [item(0), item(3)], { engine })).toEqual([true, true]);
  });

  it("keeps working when more keys than it caches come and go", () => {
    // 70 distinct keys (IC_0 moved), each preparing fresh lines; past 64 the engine drops them all.
    const base = keys.get(1) as Groth16VerificationKey;
    const ic0 = bn254.G1.Point.fromAffine(base.ic[0] as { x: bigint; y: bigint });
    for (let k = 2n; k < 72n; k++) {
      const moved = ic0.multiply(k).toAffine();
      const key = { ...base, ic: [moved, ...base.ic.slice(1)] };
      expect(verifyGroth16Batch(new Map([[1, key]]), [item(0)], { engine }), `key ${k}`).toEqual([false]);
    }
    expect(verify(F)).toEqual(F.map(() => true));
  });

  const good = () => item(0);
  // Hostile input: malformed arguments throw, naming the item and field.
  it.each<[string, () => [unknown, unknown, unknown], typeof TypeError, RegExp]>([
    ["no options", () => [keys, [good()], undefined], TypeError, /^options must be an object/],
    ["no engine", () => [keys, [good()], {}], TypeError, /^options\.engine must be a Bn254Engine/],
    ["a batch size of 0", () => [keys, [good()], { engine, maxBatchSize: 0 }], RangeError, /maxBatchSize/],
    ["keys not a Map", () => [{}, [good()], { engine }], TypeError, /^keys must be a Map/],
    ["items not an array", () => [keys, good(), { engine }], TypeError, /^items must be an array/],
    [
      "an unknown keyId",
      () => [keys, [good(), { ...good(), keyId: 40 }], { engine }],
      RangeError,
      /^items\[1\]\.keyId has no verification key/,
    ],
    [
      "too few signals",
      () => [keys, [{ ...good(), publicSignals: [1n] }], { engine }],
      RangeError,
      /^items\[0\]\.publicSignals must hold 4 signals/,
    ],
    [
      "a signal of r",
      () => [keys, [{ ...good(), publicSignals: [R, 0n, 0n, 0n] }], { engine }],
      RangeError,
      /publicSignals\[0\] must be in \[0, r\)/,
    ],
    [
      "a number signal",
      () => [keys, [{ ...good(), publicSignals: [1, 0n, 0n, 0n] }], { engine }],
      TypeError,
      /publicSignals\[0\] must be a bigint/,
    ],
    [
      "no proof",
      () => [keys, [{ ...good(), proof: null }], { engine }],
      TypeError,
      /^items\[0\]\.proof must be an object/,
    ],
    [
      "a coordinate of p",
      () => [keys, [{ ...good(), proof: { ...good().proof, c: { x: P, y: 1n } } }], { engine }],
      RangeError,
      /proof\.c\.x must be in \[0, p\)/,
    ],
    [
      "a short G2 coordinate",
      () => [keys, [{ ...good(), proof: { ...good().proof, b: { x: [1n], y: [1n, 2n] } } }], { engine }],
      TypeError,
      /proof\.b\.x must be a pair/,
    ],
  ])("refuses %s", (_, args, error, message) => {
    const call = () => verifyGroth16Batch(...(args() as Parameters<typeof verifyGroth16Batch>));
    expect(call).toThrow(error);
    expect(call).toThrow(message);
  });
});

describe("Bn254Engine.isG2 (the subgroup check of B)", () => {
  const isG2 = (point: InstanceType<typeof bn254.G2.Point>) =>
    engine.scratch(() => {
      const address = engine.alloc(192);
      const { x, y } = point.toAffine();
      engine.writeG2Jacobian(address, [x.c0, x.c1], [y.c0, y.c1]);
      return engine.isG2(address);
    });

  it("accepts points of G2", () => {
    for (const k of [1n, 2n, 12345n, R - 1n])
      expect(isG2(bn254.G2.Point.BASE.multiply(k)), `[${k}]G`).toBe(true);
    for (const p of F) expect(isG2(pointB(p))).toBe(true);
  });

  // The twist group has order r·h with h squarefree, so it is cyclic: Z_r × Z_l1 × … × Z_l4. The
  // check's kernel contains G2; it is exactly G2 if it rejects one point of each order l_i. That
  // proves the 63-bit test equivalent to [r]Q = 0 on every point of the twist.
  it.each(TWIST_COFACTOR_PRIMES.map((l) => [l]))("refuses every point with a component of order %s", (l) => {
    const t = torsionPoint(l);
    expect(mulAny(t, l).is0(), "t has order l").toBe(true);
    expect(isG2(t)).toBe(false);
    expect(isG2(bn254.G2.Point.BASE.multiply(777n).add(t))).toBe(false);
  });

  it("agrees with [r]Q = 0 on random points of the twist", () => {
    for (let seed = 1n; seed < 40n; seed += 3n) {
      const q = twistPoint(seed * 1000n);
      expect(isG2(q), `seed ${seed}`).toBe(mulAny(q, R).is0());
      const inG2 = mulAny(
        q,
        TWIST_COFACTOR_PRIMES.reduce((a, b) => a * b, 1n),
      );
      expect(isG2(inG2), `cofactor-cleared seed ${seed}`).toBe(true);
    }
  });
});

describe("createBn254Engine", () => {
  it("refuses something that is not WASM", async () => {
    await expect(createBn254Engine("wasm" as never)).rejects.toThrow(TypeError);
  });

  it("refuses a module without the wasmcurves exports", async () => {
    // The smallest module: it imports nothing and exports nothing.
    const empty = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expect(createBn254Engine(empty)).rejects.toThrow(/must export f1m_toMontgomery/);
  });
});
