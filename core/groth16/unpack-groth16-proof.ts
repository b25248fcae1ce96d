import { describeValue } from "../internal/assert";
import { BN254_FIELD_MODULUS } from "./constants";
import { parseDecimalBelow } from "./internal/parse-decimal";
import type { Groth16Proof } from "./types";

/**
 * Unpacks Semaphore's 8-element proof encoding (`@zk-kit/utils` `packGroth16Proof`, the order of
 * Solidity verifier calldata): [A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]. Note the swap
 * in B: Ethereum's precompile orders F_p2 elements (c1, c0), snarkjs (c0, c1).
 *
 * Each element must be a canonical decimal string below p: a coordinate at or above p throws a
 * RangeError rather than being reduced, because x and x + p would otherwise be two encodings of one
 * proof. Whether the points lie on the curve and in their subgroups is part of verification
 * (`verifyGroth16Batch` returns false), not of decoding.
 */
export function unpackGroth16Proof(points: unknown, name = "points"): Groth16Proof {
  if (!Array.isArray(points) || points.length !== 8) {
    throw new TypeError(`${name} must be an array of 8 decimal strings, got ${describeValue(points)}`);
  }
  const [ax, ay, bx1, bx0, by1, by0, cx, cy] = points.map((value, i) =>
    parseDecimalBelow(value, `${name}[${i}]`, BN254_FIELD_MODULUS, "the BN254 field modulus p"),
  ) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  return {
    a: { x: ax, y: ay },
    b: { x: [bx0, bx1], y: [by0, by1] },
    c: { x: cx, y: cy },
  };
}
