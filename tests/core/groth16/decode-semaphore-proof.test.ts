import { keccak256, toBeHex } from "ethers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BN254_FIELD_MODULUS,
  BN254_SCALAR_MODULUS,
  decodeSemaphoreProof,
  type SemaphoreProof,
  semaphoreHash,
  unpackGroth16Proof,
} from "@/core/groth16";
import { cloneProof, FIXTURE_PROOFS } from "./helpers";

const P = BN254_FIELD_MODULUS;
const R = BN254_SCALAR_MODULUS;
const proof = FIXTURE_PROOFS[0] as SemaphoreProof;

/** Semaphore's own hash (src/hash.ts of @semaphore-protocol/proof), with the same ethers calls. */
const referenceHash = (value: bigint) => BigInt(keccak256(toBeHex(value, 32))) >> 8n;

describe("semaphoreHash", () => {
  it.each([0n, 1n, 42n, R - 1n, R, P, 2n ** 255n, 2n ** 256n - 1n])(
    "matches Semaphore's hash of %s",
    (value) => {
      expect(semaphoreHash(value)).toBe(referenceHash(value));
    },
  );

  it("matches Semaphore's hash on any value below 2^256", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        (value) => semaphoreHash(value) === referenceHash(value),
      ),
    );
  });

  it.each<[string, unknown, typeof TypeError]>([
    ["a negative value", -1n, RangeError],
    ["2^256", 2n ** 256n, RangeError],
    ["a number", 1, TypeError],
    ["a string", "1", TypeError],
  ])("refuses %s", (_, value, error) => {
    expect(() => semaphoreHash(value as bigint)).toThrow(error);
  });
});

describe("decodeSemaphoreProof", () => {
  it("computes the public signals Semaphore's verifyProof passes to snarkjs", () => {
    for (const [i, p] of FIXTURE_PROOFS.entries()) {
      const decoded = decodeSemaphoreProof(p);
      expect(decoded.merkleTreeDepth, `proof ${i}`).toBe(p.merkleTreeDepth);
      expect(decoded.publicSignals, `proof ${i}`).toEqual([
        BigInt(p.merkleTreeRoot),
        BigInt(p.nullifier),
        referenceHash(BigInt(p.message)),
        referenceHash(BigInt(p.scope)),
      ]);
    }
  });

  it("unpacks the points in the order of @zk-kit/utils packGroth16Proof", () => {
    const pts = proof.points.map(BigInt);
    expect(decodeSemaphoreProof(proof).proof).toEqual({
      a: { x: pts[0], y: pts[1] },
      b: { x: [pts[3], pts[2]], y: [pts[5], pts[4]] },
      c: { x: pts[6], y: pts[7] },
    });
  });

  it("ignores properties it does not know", () => {
    expect(decodeSemaphoreProof({ ...proof, extra: 1 }).nullifier).toBe(BigInt(proof.nullifier));
  });

  const withPoint = (i: number, value: unknown) => {
    const points: unknown[] = [...proof.points];
    points[i] = value;
    return { ...proof, points };
  };

  // Hostile input: every malformed encoding throws, naming the field; none decodes.
  it.each<[string, unknown, typeof TypeError, RegExp]>([
    ["null", null, TypeError, /^proof must be an object/],
    ["an array", [], TypeError, /^proof must be an object/],
    [
      "a missing depth",
      { ...proof, merkleTreeDepth: undefined },
      TypeError,
      /proof\.merkleTreeDepth must be an integer/,
    ],
    ["a string depth", { ...proof, merkleTreeDepth: "1" }, TypeError, /merkleTreeDepth must be an integer/],
    [
      "a fractional depth",
      { ...proof, merkleTreeDepth: 1.5 },
      TypeError,
      /merkleTreeDepth must be an integer/,
    ],
    ["depth 0", { ...proof, merkleTreeDepth: 0 }, RangeError, /merkleTreeDepth must be from 1 to 32/],
    ["depth 33", { ...proof, merkleTreeDepth: 33 }, RangeError, /merkleTreeDepth must be from 1 to 32/],
    [
      "a bigint root",
      { ...proof, merkleTreeRoot: 1n },
      TypeError,
      /proof\.merkleTreeRoot must be a decimal string/,
    ],
    ["a hex root", { ...proof, merkleTreeRoot: "0x1" }, TypeError, /merkleTreeRoot must be an ASCII decimal/],
    [
      "a root with a leading zero",
      { ...proof, merkleTreeRoot: `0${proof.merkleTreeRoot}` },
      TypeError,
      /no sign or leading zeroes/,
    ],
    ["a negative root", { ...proof, merkleTreeRoot: "-1" }, TypeError, /merkleTreeRoot/],
    [
      "a root with a space",
      { ...proof, merkleTreeRoot: ` ${proof.merkleTreeRoot}` },
      TypeError,
      /merkleTreeRoot/,
    ],
    ["an empty nullifier", { ...proof, nullifier: "" }, TypeError, /proof\.nullifier/],
    [
      "a root equal to r",
      { ...proof, merkleTreeRoot: String(R) },
      RangeError,
      /merkleTreeRoot must be below r/,
    ],
    ["a nullifier above r", { ...proof, nullifier: String(R + 5n) }, RangeError, /nullifier must be below r/],
    [
      "a message of 2^256",
      { ...proof, message: String(2n ** 256n) },
      RangeError,
      /message must be below 2\^256/,
    ],
    ["a scope of 79 digits", { ...proof, scope: "1".repeat(79) }, TypeError, /proof\.scope/],
    ["a text message", { ...proof, message: "yes" }, TypeError, /proof\.message/],
    ["no points", { ...proof, points: undefined }, TypeError, /proof\.points must be an array of 8/],
    [
      "7 points",
      { ...proof, points: proof.points.slice(0, 7) },
      TypeError,
      /proof\.points must be an array of 8/,
    ],
    [
      "9 points",
      { ...proof, points: [...proof.points, "1"] },
      TypeError,
      /proof\.points must be an array of 8/,
    ],
    ["a numeric point", withPoint(2, 5), TypeError, /proof\.points\[2\] must be a decimal string/],
    ["a point with a leading zero", withPoint(3, `0${proof.points[3]}`), TypeError, /proof\.points\[3\]/],
    [
      "a coordinate equal to p",
      withPoint(0, String(P)),
      RangeError,
      /points\[0\] must be below the BN254 field modulus/,
    ],
    [
      "a non-canonical coordinate (x + p)",
      withPoint(6, String(BigInt(proof.points[6] as string) + P)),
      RangeError,
      /points\[6\] must be below/,
    ],
  ])("refuses %s", (_, value, error, message) => {
    expect(() => decodeSemaphoreProof(value)).toThrow(error);
    expect(() => decodeSemaphoreProof(value)).toThrow(message);
  });

  it("names the proof as the caller does", () => {
    expect(() => decodeSemaphoreProof(cloneProof(proof, { nullifier: "x" }), "proofs[7]")).toThrow(
      /^proofs\[7\]\.nullifier/,
    );
  });

  it("decodes any canonical values in range, and nothing else", () => {
    const decimal = (max: bigint) => fc.bigInt({ min: 0n, max: max - 1n }).map(String);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        decimal(R),
        decimal(R),
        decimal(2n ** 256n),
        decimal(2n ** 256n),
        fc.array(decimal(P), { minLength: 8, maxLength: 8 }),
        (merkleTreeDepth, merkleTreeRoot, nullifier, message, scope, points) => {
          const decoded = decodeSemaphoreProof({
            merkleTreeDepth,
            merkleTreeRoot,
            nullifier,
            message,
            scope,
            points,
          });
          return decoded.nullifier === BigInt(nullifier) && decoded.proof.c.y === BigInt(points[7] as string);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^(0|[1-9][0-9]*)$/.test(s)),
        (text) => {
          expect(() => decodeSemaphoreProof({ ...proof, nullifier: text })).toThrow(TypeError);
        },
      ),
    );
  });
});

describe("unpackGroth16Proof", () => {
  it("refuses a non-array", () => {
    expect(() => unpackGroth16Proof("1,2,3")).toThrow(/^points must be an array of 8 decimal strings/);
  });
});
