import { SNARK_SCALAR_FIELD } from "../entries/entry-fields";
import { FIRST_FULL, INITIAL, LAST_FULL, MDS, PARTIAL, PRE_SPARSE, SPARSE } from "./poseidon-constants";

/**
 * Poseidon of two field elements, exactly as circomlib's Poseidon(2) circuit, poseidon-lite's
 * `poseidon2` and therefore @semaphore-protocol/group hash a LeanIMT node: H(left, right).
 *
 * Why our own: a census of 100,000 members is about 100,000 hashes for a browser that rebuilds
 * its Merkle path, and 17 per join on the server. Measured on this project's machine (Node 20,
 * µs per hash, the same run): poseidon-lite 0.3.0 160, @iden3/js-crypto 1.3.3 159,
 * @noble/curves 2.4.0 poseidon (Grain constants) 172, @lightprotocol/hasher.rs 0.2.1 (Rust/WASM)
 * 145, @railgun-community/poseidon-hash-wasm 1.0.1 90, circomlibjs 0.1.7 (WASM field, unmaintained,
 * pulls ethers v5) 62, this file about 105, 1.5x poseidon-lite (bench/census-bench.ts prints both).
 * The two faster ones need an asynchronous WASM loader (and circomlibjs is unmaintained), while
 * core/ must stay synchronous, portable and free of such dependencies; tests/core/census/poseidon2.test.ts checks it equals poseidon-lite.
 *
 * The speed comes from the Poseidon paper's appendix B form (sparse matrices in the 57 partial
 * rounds, one constant per partial round; tests/core/census/derive-poseidon-constants.ts derives
 * the tables from the Grain LFSR) and from reducing modulo r only where a value would otherwise
 * grow: in BigInt arithmetic the division by r costs several times a multiplication.
 */
const R = SNARK_SCALAR_FIELD;

const [M00, M01, M02, M10, M11, M12, M20, M21, M22] = MDS as [
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
];
const [P00, P01, P02, P10, P11, P12, P20, P21, P22] = PRE_SPARSE as [
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
  bigint,
];
const K = FIRST_FULL as bigint[];
const L = LAST_FULL as bigint[];
const Q = PARTIAL as bigint[];
const S = SPARSE as bigint[];
const [I0, I1, I2] = INITIAL as [bigint, bigint, bigint];

/** x^5 mod r, the S-box; x may be up to 2r (a reduced value plus a constant). */
function sbox(x: bigint): bigint {
  const x2 = (x * x) % R;
  return (x2 * x2 * x) % R;
}

export function poseidon2(left: bigint, right: bigint): bigint {
  if (typeof left !== "bigint" || left < 0n || left >= R)
    throw new RangeError("poseidon2: left must be a field element (0 ≤ left < r)");
  if (typeof right !== "bigint" || right < 0n || right >= R)
    throw new RangeError("poseidon2: right must be a field element (0 ≤ right < r)");
  let s0 = I0;
  let s1 = left + I1;
  let s2 = right + I2;
  let n0: bigint;
  let n1: bigint;

  // Four full rounds: S-box on every element, constants, mix (the fourth mixes with PRE_SPARSE).
  for (let r = 0; r < 9; r += 3) {
    s0 = sbox(s0) + (K[r] as bigint);
    s1 = sbox(s1) + (K[r + 1] as bigint);
    s2 = sbox(s2) + (K[r + 2] as bigint);
    n0 = (M00 * s0 + M01 * s1 + M02 * s2) % R;
    n1 = (M10 * s0 + M11 * s1 + M12 * s2) % R;
    s2 = (M20 * s0 + M21 * s1 + M22 * s2) % R;
    s0 = n0;
    s1 = n1;
  }
  s0 = sbox(s0) + (K[9] as bigint);
  s1 = sbox(s1) + (K[10] as bigint);
  s2 = sbox(s2) + (K[11] as bigint);
  n0 = (P00 * s0 + P01 * s1 + P02 * s2) % R;
  n1 = (P10 * s0 + P11 * s1 + P12 * s2) % R;
  s2 = (P20 * s0 + P21 * s1 + P22 * s2) % R;
  s0 = n0;
  s1 = n1;

  // 57 partial rounds: only s0 goes through the S-box; s1 and s2 just accumulate multiples of s0,
  // so they are left unreduced (they grow by about one bit per round) until the rounds end.
  for (let p = 0, o = 0; p < 57; p++, o += 5) {
    s0 = sbox(s0) + (Q[p] as bigint);
    n0 = ((S[o] as bigint) * s0 + (S[o + 1] as bigint) * s1 + (S[o + 2] as bigint) * s2) % R;
    s1 += (S[o + 3] as bigint) * s0;
    s2 += (S[o + 4] as bigint) * s0;
    s0 = n0;
  }
  s1 %= R;
  s2 %= R;

  // Four full rounds; the last adds no constant and only the first output element is needed.
  for (let r = 0; r < 9; r += 3) {
    s0 = sbox(s0) + (L[r] as bigint);
    s1 = sbox(s1) + (L[r + 1] as bigint);
    s2 = sbox(s2) + (L[r + 2] as bigint);
    n0 = (M00 * s0 + M01 * s1 + M02 * s2) % R;
    n1 = (M10 * s0 + M11 * s1 + M12 * s2) % R;
    s2 = (M20 * s0 + M21 * s1 + M22 * s2) % R;
    s0 = n0;
    s1 = n1;
  }
  return (M00 * sbox(s0) + M01 * sbox(s1) + M02 * sbox(s2)) % R;
}
