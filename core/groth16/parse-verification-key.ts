import { bn254 } from "@noble/curves/bn254.js";
import { assertObject, describeValue } from "../internal/assert";
import { BN254_FIELD_MODULUS } from "./constants";
import { parseDecimalBelow } from "./internal/parse-decimal";
import type { G1Point, G2Point, Groth16VerificationKey } from "./types";

const P = BN254_FIELD_MODULUS;
const FIELD = "the BN254 field modulus p";

/**
 * Parses and validates a snarkjs Groth16 verification key for BN254 (the JSON `snarkjs zkey
 * export verificationkey` writes, like `@zk-kit/semaphore-artifacts`' semaphore-<depth>.json).
 *
 * Strict: protocol "groth16", curve "bn128", `IC` holding nPublic + 1 points, every coordinate a
 * canonical decimal below p, every point in affine form (z = 1; the point at infinity is refused),
 * G1 points on the curve and G2 points on the twist and in the order-r subgroup (checked with
 * @noble/curves, independently of the WASM engine that later uses the key). A key is trusted
 * input, so a bad one throws (TypeError for shape, RangeError for values) instead of returning.
 * `vk_alphabeta_12` is ignored: the verifier does not need it.
 */
export function parseVerificationKey(value: unknown, name = "verificationKey"): Groth16VerificationKey {
  assertObject(value, name);
  if (value.protocol !== "groth16") {
    throw new TypeError(`${name}.protocol must be "groth16", got ${describeValue(value.protocol)}`);
  }
  if (value.curve !== "bn128") {
    throw new TypeError(`${name}.curve must be "bn128", got ${describeValue(value.curve)}`);
  }
  const nPublic = value.nPublic;
  if (typeof nPublic !== "number" || !Number.isInteger(nPublic) || nPublic < 0) {
    throw new TypeError(`${name}.nPublic must be a non-negative integer, got ${describeValue(nPublic)}`);
  }
  const ic = value.IC;
  if (!Array.isArray(ic) || ic.length !== nPublic + 1) {
    throw new TypeError(
      `${name}.IC must be an array of nPublic + 1 = ${nPublic + 1} points, got ${describeValue(ic)}`,
    );
  }
  return Object.freeze({
    alpha: parseG1(value.vk_alpha_1, `${name}.vk_alpha_1`),
    beta: parseG2(value.vk_beta_2, `${name}.vk_beta_2`),
    gamma: parseG2(value.vk_gamma_2, `${name}.vk_gamma_2`),
    delta: parseG2(value.vk_delta_2, `${name}.vk_delta_2`),
    ic: Object.freeze(ic.map((point, i) => parseG1(point, `${name}.IC[${i}]`))),
  });
}

function parseG1(value: unknown, name: string): G1Point {
  if (!Array.isArray(value) || value.length !== 3) {
    throw new TypeError(`${name} must be [x, y, "1"], got ${describeValue(value)}`);
  }
  if (value[2] !== "1") {
    throw new RangeError(
      `${name} must be affine with z = "1" (not the point at infinity), got ${describeValue(value[2])}`,
    );
  }
  const x = parseDecimalBelow(value[0], `${name}[0]`, P, FIELD);
  const y = parseDecimalBelow(value[1], `${name}[1]`, P, FIELD);
  if (!isValidPoint(() => bn254.G1.Point.fromAffine({ x, y }))) {
    throw new RangeError(`${name} is not a point of G1 (y^2 = x^3 + 3)`);
  }
  return Object.freeze({ x, y });
}

function parseG2(value: unknown, name: string): G2Point {
  if (!Array.isArray(value) || value.length !== 3) {
    throw new TypeError(`${name} must be [[x0, x1], [y0, y1], ["1", "0"]], got ${describeValue(value)}`);
  }
  const [x, y, z] = value.map((element: unknown, i) => {
    if (!Array.isArray(element) || element.length !== 2) {
      throw new TypeError(`${name}[${i}] must be a pair of decimal strings, got ${describeValue(element)}`);
    }
    return element;
  }) as [unknown[], unknown[], unknown[]];
  if (z[0] !== "1" || z[1] !== "0") {
    throw new RangeError(`${name} must be affine with z = ["1", "0"] (not the point at infinity)`);
  }
  const point: G2Point = Object.freeze({
    x: Object.freeze([
      parseDecimalBelow(x[0], `${name}[0][0]`, P, FIELD),
      parseDecimalBelow(x[1], `${name}[0][1]`, P, FIELD),
    ] as const),
    y: Object.freeze([
      parseDecimalBelow(y[0], `${name}[1][0]`, P, FIELD),
      parseDecimalBelow(y[1], `${name}[1][1]`, P, FIELD),
    ] as const),
  });
  const Fp2 = bn254.fields.Fp2;
  const valid = isValidPoint(() =>
    bn254.G2.Point.fromAffine({
      x: Fp2.fromBigTuple([point.x[0], point.x[1]]),
      y: Fp2.fromBigTuple([point.y[0], point.y[1]]),
    }),
  );
  if (!valid) throw new RangeError(`${name} is not a point of G2 (on the twist and of order r)`);
  return point;
}

/**
 * Whether a point is finite and valid: noble's assertValidity checks the curve equation and, for
 * G2, the subgroup ([6x^2]Q = psi(Q)): a twist point outside G2 would make the pairing meaningless.
 * noble reads affine (0, 0) as the point at infinity and accepts it, hence the explicit is0.
 */
function isValidPoint(make: () => { is0(): boolean; assertValidity(): void }): boolean {
  try {
    const point = make();
    if (point.is0()) return false;
    point.assertValidity();
    return true;
  } catch {
    return false;
  }
}
