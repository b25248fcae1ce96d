import { BN254_FIELD_MODULUS } from "../constants";

// Just enough F_p2 = F_p[u]/(u^2+1) arithmetic in bigint to derive the psi constants once.

const P = BN254_FIELD_MODULUS;

type Fp2 = readonly [bigint, bigint];

const mod = (a: bigint): bigint => ((a % P) + P) % P;

function mul(a: Fp2, b: Fp2): Fp2 {
  return [mod(a[0] * b[0] - a[1] * b[1]), mod(a[0] * b[1] + a[1] * b[0])];
}

/** base^((p-1)/3) ("third") or base^((p-1)/2) ("half") in F_p2. */
export function fp2Pow(base: Fp2, which: "third" | "half"): Fp2 {
  let e = (P - 1n) / (which === "third" ? 3n : 2n);
  let result: Fp2 = [1n, 0n];
  let square = base;
  while (e > 0n) {
    if (e & 1n) result = mul(result, square);
    square = mul(square, square);
    e >>= 1n;
  }
  return result;
}
