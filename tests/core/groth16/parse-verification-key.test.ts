import { bn254 } from "@noble/curves/bn254.js";
import { describe, expect, it } from "vitest";
import { BN254_FIELD_MODULUS, parseVerificationKey } from "@/core/groth16";
import { readVerificationKeyJson, torsionPoint } from "./helpers";

type Json = Record<string, unknown> & { IC: unknown[] };
const key = () => readVerificationKeyJson(1) as Json;
const P = BN254_FIELD_MODULUS;

/** vk_* of the depth-1 key with one field replaced. */
function withField(field: string, value: unknown): Json {
  return { ...key(), [field]: value };
}

const g2Json = (point: InstanceType<typeof bn254.G2.Point>) => {
  const { x, y } = point.toAffine();
  return [
    [String(x.c0), String(x.c1)],
    [String(y.c0), String(y.c1)],
    ["1", "0"],
  ];
};

describe("parseVerificationKey", () => {
  it("parses the pinned Semaphore keys of every depth", () => {
    for (let depth = 1; depth <= 32; depth++) {
      const json = readVerificationKeyJson(depth) as Json & { vk_alpha_1: string[]; vk_delta_2: string[][] };
      const parsed = parseVerificationKey(json);
      expect(parsed.ic, `depth ${depth}`).toHaveLength(5);
      expect(parsed.alpha, `depth ${depth}`).toEqual({
        x: BigInt(json.vk_alpha_1[0] as string),
        y: BigInt(json.vk_alpha_1[1] as string),
      });
      expect(parsed.delta.x, `depth ${depth}`).toEqual((json.vk_delta_2[0] as string[]).map(BigInt));
    }
  });

  it("returns a frozen key", () => {
    const parsed = parseVerificationKey(key());
    expect(Object.isFrozen(parsed) && Object.isFrozen(parsed.ic) && Object.isFrozen(parsed.beta)).toBe(true);
  });

  const alpha = (key().vk_alpha_1 as string[]).slice();
  const offCurve = [alpha[0], String(BigInt(alpha[1] as string) + 1n), "1"];
  const notInG2 = g2Json(bn254.G2.Point.BASE.add(torsionPoint(10069n)));
  const notOnTwist = [
    ["1", "0"],
    ["1", "0"],
    ["1", "0"],
  ];

  // Hostile input: a key is trusted input, so each defect throws, naming the field.
  it.each<[string, unknown, typeof TypeError, RegExp]>([
    ["null", null, TypeError, /^verificationKey must be an object/],
    ["another protocol", withField("protocol", "plonk"), TypeError, /protocol must be "groth16"/],
    ["another curve", withField("curve", "bls12381"), TypeError, /curve must be "bn128"/],
    ["a negative nPublic", withField("nPublic", -1), TypeError, /nPublic must be a non-negative integer/],
    [
      "nPublic not matching IC",
      withField("nPublic", 3),
      TypeError,
      /IC must be an array of nPublic \+ 1 = 4 points/,
    ],
    ["a missing IC", withField("IC", undefined), TypeError, /IC must be an array/],
    [
      "alpha with two coordinates",
      withField("vk_alpha_1", alpha.slice(0, 2)),
      TypeError,
      /vk_alpha_1 must be \[x, y, "1"\]/,
    ],
    [
      "alpha at infinity",
      withField("vk_alpha_1", [alpha[0], alpha[1], "0"]),
      RangeError,
      /vk_alpha_1 must be affine/,
    ],
    [
      "alpha = (0, 0)",
      withField("vk_alpha_1", ["0", "0", "1"]),
      RangeError,
      /vk_alpha_1 is not a point of G1/,
    ],
    ["alpha off the curve", withField("vk_alpha_1", offCurve), RangeError, /vk_alpha_1 is not a point of G1/],
    [
      "a non-canonical coordinate (x + p)",
      withField("vk_alpha_1", [String(BigInt(alpha[0] as string) + P), alpha[1], "1"]),
      RangeError,
      /vk_alpha_1\[0\] must be below the BN254 field modulus/,
    ],
    [
      "a hex coordinate",
      withField("vk_alpha_1", ["0x1", "0x2", "1"]),
      TypeError,
      /vk_alpha_1\[0\] must be an ASCII decimal/,
    ],
    [
      "an IC point off the curve",
      { ...key(), IC: [...key().IC.slice(0, 4), offCurve] },
      RangeError,
      /IC\[4\] is not a point of G1/,
    ],
    ["beta not a triple", withField("vk_beta_2", [["1", "2"]]), TypeError, /vk_beta_2 must be \[\[x0, x1\]/],
    [
      "beta with a bad element",
      withField("vk_beta_2", [["1", "2"], "3", ["1", "0"]]),
      TypeError,
      /vk_beta_2\[1\] must be a pair/,
    ],
    [
      "gamma at infinity",
      withField("vk_gamma_2", [
        ["1", "0"],
        ["1", "0"],
        ["0", "0"],
      ]),
      RangeError,
      /vk_gamma_2 must be affine/,
    ],
    [
      "delta off the twist",
      withField("vk_delta_2", notOnTwist),
      RangeError,
      /vk_delta_2 is not a point of G2/,
    ],
    [
      "delta on the twist but outside G2",
      withField("vk_delta_2", notInG2),
      RangeError,
      /vk_delta_2 is not a point of G2/,
    ],
  ])("refuses %s", (_, value, error, message) => {
    expect(() => parseVerificationKey(value)).toThrow(error);
    expect(() => parseVerificationKey(value)).toThrow(message);
  });
});
