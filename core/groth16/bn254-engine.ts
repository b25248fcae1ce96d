import { BN254_SEED } from "./constants";
import { fp2Pow } from "./internal/fp2";

// The WASM BN254 arithmetic of wasmcurves, the module ffjavascript builds and snarkjs verifies
// with. Values live in the module's linear memory in Montgomery form, little-endian, 32 bytes per
// F_p element: G1 affine (x, y) = 64 bytes, Jacobian (X, Y, Z) = 96; G2 affine = 128, Jacobian =
// 192. The word at address 0 is the module's free-memory pointer: its functions use the memory
// above it as scratch (the NAF of a scalar, multi-exponentiation buckets, batch inversion), so
// every allocation here moves it, and nothing is kept above it.

const REQUIRED_EXPORTS = [
  "f1m_toMontgomery",
  "f2m_one",
  "f2m_mul",
  "f2m_mul1",
  "f2m_conjugate",
  "g1m_isZero",
  "g1m_isZeroAffine",
  "g1m_inCurveAffine",
  "g1m_zero",
  "g1m_add",
  "g1m_neg",
  "g1m_normalize",
  "g1m_timesScalarAffine",
  "g1m_multiexpAffine",
  "g1m_batchToAffine",
  "g2m_isZeroAffine",
  "g2m_inCurveAffine",
  "g2m_add",
  "g2m_addMixed",
  "g2m_double",
  "g2m_eq",
  "g2m_timesScalarAffine",
  "ftm_one",
  "ftm_square",
  "ftm_isOne",
  "bn128_prepareG2",
  "bn128__mulBy024",
  "bn128_finalExponentiation",
] as const;

type ExportName = (typeof REQUIRED_EXPORTS)[number];
type WasmFunction = (...args: number[]) => number;
type Bn254Exports = { readonly [name in ExportName]: WasmFunction };

export const FP_BYTES = 32;
export const G1_AFFINE_BYTES = 64;
export const G1_JACOBIAN_BYTES = 96;
export const G2_JACOBIAN_BYTES = 192;
const FP12_BYTES = 384;
/** bn128_prepareG2 output: the normalized point, then 102 line coefficients (ell_0, ell_VW, ell_VV). */
export const PREPARED_G2_BYTES = 19776;
const LINE_BYTES = 192;

/**
 * Bits of the optimal ate loop count 6x + 2, least significant first. The Miller loop walks them
 * from the second most significant down: a doubling line at each, an addition line where the bit
 * is set, then two more lines for the Frobenius images of Q (the shape bn128_prepareG2 stores).
 */
const ATE_LOOP_BITS = (() => {
  const bits: number[] = [];
  for (let v = 6n * BN254_SEED + 2n; v > 0n; v >>= 1n) bits.push(Number(v & 1n));
  return Uint8Array.from(bits);
})();

// Headroom kept above the free pointer for the module's own scratch (buckets, inversions).
const SCRATCH_HEADROOM = 1 << 20;
const PAGE = 1 << 16;

/**
 * psi, the untwist-Frobenius-twist endomorphism of the twist: psi(x, y) = (conj(x)·ξ^((p-1)/3),
 * conj(y)·ξ^((p-1)/2)) with ξ = 9 + u. On G2 it acts as multiplication by p ≡ 6x^2 (mod r).
 */
const PSI_X = fp2Pow([9n, 1n], "third");
const PSI_Y = fp2Pow([9n, 1n], "half");

/**
 * Low-level handle on one instance of the WASM module. Not thread-safe across Web Workers (give
 * each its own), and not re-entrant: one batch check runs at a time, synchronously.
 */
export class Bn254Engine {
  readonly #fn: Bn254Exports;
  readonly #memory: WebAssembly.Memory;
  #view: DataView;
  #words: Uint32Array;
  #top: number;
  readonly #base: number;
  // Fixed buffers, allocated once.
  readonly #tmpInt: number;
  readonly #psiX: number;
  readonly #psiY: number;
  readonly #seed: number;
  readonly #g2: number[];
  readonly #fp12: number;
  readonly #vw: number;
  readonly #vv: number;
  readonly #g1Tmp: number;
  readonly #g1Tmp2: number;

  /** Use `createBn254Engine`. */
  constructor(exports: WebAssembly.Exports, memory: WebAssembly.Memory) {
    for (const name of REQUIRED_EXPORTS) {
      if (typeof exports[name] !== "function") {
        throw new TypeError(
          `the BN254 WASM module must export ${name} (wasmcurves bn128, as ffjavascript builds it)`,
        );
      }
    }
    this.#fn = exports as unknown as Bn254Exports;
    this.#memory = memory;
    this.#view = new DataView(memory.buffer);
    this.#words = new Uint32Array(memory.buffer);
    this.#top = align(this.#words[0] ?? 0);
    this.#tmpInt = this.alloc(FP_BYTES);
    this.#psiX = this.alloc(2 * FP_BYTES);
    this.#psiY = this.alloc(2 * FP_BYTES);
    this.writeFp(this.#psiX, PSI_X[0]);
    this.writeFp(this.#psiX + FP_BYTES, PSI_X[1]);
    this.writeFp(this.#psiY, PSI_Y[0]);
    this.writeFp(this.#psiY + FP_BYTES, PSI_Y[1]);
    this.#seed = this.alloc(8);
    this.writeScalar(this.#seed, BN254_SEED, 8);
    this.#g2 = Array.from({ length: 7 }, () => this.alloc(G2_JACOBIAN_BYTES));
    this.#fp12 = this.alloc(FP12_BYTES);
    this.#vw = this.alloc(2 * FP_BYTES);
    this.#vv = this.alloc(2 * FP_BYTES);
    this.#g1Tmp = this.alloc(G1_JACOBIAN_BYTES);
    this.#g1Tmp2 = this.alloc(G1_JACOBIAN_BYTES);
    this.#base = this.#top;
  }

  // ---- memory -------------------------------------------------------------------------------

  /** Reserves `bytes` (8-byte aligned) above everything allocated so far; returns the address. */
  alloc(bytes: number): number {
    const address = this.#top;
    this.#setTop(align(address + bytes));
    return address;
  }

  /** Runs `fn`, then frees everything it allocated. */
  scratch<T>(fn: () => T): T {
    const mark = this.#top;
    try {
      return fn();
    } finally {
      this.#setTop(mark);
    }
  }

  /** Address above the fixed buffers: `reset(engine.base)` frees every later allocation. */
  get base(): number {
    return this.#base;
  }

  /** Frees everything allocated after `address` (a value `alloc` returned or `base`). */
  reset(address: number): void {
    this.#setTop(address);
  }

  #setTop(top: number): void {
    const needed = top + SCRATCH_HEADROOM;
    if (needed > this.#memory.buffer.byteLength) {
      this.#memory.grow(Math.ceil((needed - this.#memory.buffer.byteLength) / PAGE));
      this.#view = new DataView(this.#memory.buffer);
      this.#words = new Uint32Array(this.#memory.buffer);
    }
    this.#top = top;
    this.#words[0] = top;
  }

  copy(to: number, from: number, bytes: number): void {
    new Uint8Array(this.#memory.buffer).copyWithin(to, from, from + bytes);
  }

  /** Writes a non-negative integer as `bytes` little-endian bytes (a multiple of 8). */
  writeScalar(address: number, value: bigint, bytes: number): void {
    let rest = value;
    for (let i = 0; i < bytes; i += 8) {
      this.#view.setBigUint64(address + i, BigInt.asUintN(64, rest), true);
      rest >>= 64n;
    }
  }

  /** Writes an element of [0, p) in Montgomery form. */
  writeFp(address: number, value: bigint): void {
    this.writeScalar(this.#tmpInt, value, FP_BYTES);
    this.#fn.f1m_toMontgomery(this.#tmpInt, address);
  }

  writeG1Affine(address: number, x: bigint, y: bigint): void {
    this.writeFp(address, x);
    this.writeFp(address + FP_BYTES, y);
  }

  /** Writes a G2 point in Jacobian form with Z = 1 (its first 128 bytes are the affine point). */
  writeG2Jacobian(address: number, x: readonly [bigint, bigint], y: readonly [bigint, bigint]): void {
    this.writeFp(address, x[0]);
    this.writeFp(address + FP_BYTES, x[1]);
    this.writeFp(address + 2 * FP_BYTES, y[0]);
    this.writeFp(address + 3 * FP_BYTES, y[1]);
    this.#fn.f2m_one(address + 4 * FP_BYTES);
  }

  // ---- group membership -----------------------------------------------------------------------

  /**
   * Whether an affine G1 point is on y^2 = x^3 + 3. G1 = E(F_p) has prime order r (cofactor 1),
   * so this is also the subgroup check. (0, 0), which the module reads as infinity, is refused.
   */
  isG1(address: number): boolean {
    return this.#fn.g1m_isZeroAffine(address) === 0 && this.#fn.g1m_inCurveAffine(address) === 1;
  }

  /**
   * Whether a G2 point (affine, or Jacobian with Z = 1) is in G2: on the twist and of order r.
   * The twist has r·h points with h = 10069 · 5864401 · 1875725156269 · 1976…909, so a point of
   * it can carry a small-order component that the pairing would silently mishandle (snarkjs checks
   * only the curve equation). The subgroup test is the one of eprint 2022/352 for BN curves,
   * [x+1]Q + psi([x]Q) + psi^2([x]Q) = psi^3([2x]Q): a 63-bit multiplication instead of a 254-bit
   * [r]Q (tests/core/groth16 check it against [r]Q, on each prime-order part of the cofactor).
   */
  isG2(address: number): boolean {
    const fn = this.#fn;
    if (fn.g2m_isZeroAffine(address) !== 0 || fn.g2m_inCurveAffine(address) !== 1) return false;
    const [xq, lhs1, lhs2, lhs3, t1, t2, t3] = this.#g2 as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    fn.g2m_timesScalarAffine(address, this.#seed, 8, xq); // [x]Q
    fn.g2m_addMixed(xq, address, lhs1); // [x+1]Q
    this.#psi(xq, t1); // psi([x]Q)
    fn.g2m_add(lhs1, t1, lhs2);
    this.#psi(t1, t2); // psi^2([x]Q)
    fn.g2m_add(lhs2, t2, lhs3);
    this.#psi(t2, t3); // psi^3([x]Q)
    fn.g2m_double(t3, t1); // psi^3([2x]Q)
    return fn.g2m_eq(lhs3, t1) === 1;
  }

  /** psi on Jacobian coordinates: (conj(X)·c_x, conj(Y)·c_y, conj(Z)). */
  #psi(from: number, to: number): void {
    const fn = this.#fn;
    const F2 = 2 * FP_BYTES;
    fn.f2m_conjugate(from, to);
    fn.f2m_mul(to, this.#psiX, to);
    fn.f2m_conjugate(from + F2, to + F2);
    fn.f2m_mul(to + F2, this.#psiY, to + F2);
    fn.f2m_conjugate(from + 2 * F2, to + 2 * F2);
  }

  // ---- G1 arithmetic ------------------------------------------------------------------------

  /** out (Jacobian) = scalar · point (affine); the scalar is `scalarBytes` little-endian bytes. */
  g1TimesScalar(point: number, scalar: number, scalarBytes: number, out: number): void {
    this.#fn.g1m_timesScalarAffine(point, scalar, scalarBytes, out);
  }

  /** out (Jacobian) = Σ scalars[i] · points[i] over `count` affine points (Pippenger). */
  g1MultiExp(points: number, scalars: number, scalarBytes: number, count: number, out: number): void {
    if (count === 0) this.#fn.g1m_zero(out);
    else this.#fn.g1m_multiexpAffine(points, scalars, scalarBytes, count, out);
  }

  /** Converts `count` non-zero Jacobian points to affine with one shared inversion. */
  g1BatchToAffine(points: number, count: number, out: number): void {
    if (count > 0) this.#fn.g1m_batchToAffine(points, count, out);
  }

  /** acc (Jacobian) += point (Jacobian); with negate, acc -= point. */
  g1AddTo(acc: number, point: number, negate = false): void {
    const fn = this.#fn;
    let addend = point;
    if (negate) {
      fn.g1m_neg(point, this.#g1Tmp2);
      addend = this.#g1Tmp2;
    }
    fn.g1m_add(acc, addend, this.#g1Tmp);
    this.copy(acc, this.#g1Tmp, G1_JACOBIAN_BYTES);
  }

  g1SetZero(point: number): void {
    this.#fn.g1m_zero(point);
  }

  /**
   * Writes the affine form of a Jacobian point to `out` (96 bytes: x, y, 1) and returns true, or
   * returns false for the point at infinity, which contributes nothing to a pairing product.
   */
  g1ToAffine(point: number, out: number): boolean {
    if (this.#fn.g1m_isZero(point) !== 0) return false;
    this.#fn.g1m_normalize(point, out);
    return true;
  }

  // ---- pairing ------------------------------------------------------------------------------

  /** Precomputes the Miller loop lines of a G2 point (Jacobian, Z = 1) into PREPARED_G2_BYTES at `out`. */
  prepareG2(point: number, out: number): void {
    this.#fn.bn128_prepareG2(point, out);
  }

  /**
   * Whether Π e(P_i, Q_i) = 1, for affine G1 points `g1[i]` and prepared G2 points `g2[i]`. One
   * shared Miller loop (the F_p12 squarings are done once for all pairs, only the line
   * evaluations are per pair) and one final exponentiation, however many pairs.
   */
  pairingProductIsOne(g1: readonly number[], g2: readonly number[]): boolean {
    const fn = this.#fn;
    const f = this.#fp12;
    const vw = this.#vw;
    const vv = this.#vv;
    const pairs = g1.length;
    const px = Int32Array.from(g1);
    const lines = Int32Array.from(g2, (q) => q + 3 * 2 * FP_BYTES);
    const evaluate = () => {
      for (let k = 0; k < pairs; k++) {
        const line = lines[k] as number;
        const p = px[k] as number;
        fn.f2m_mul1(line + 2 * FP_BYTES, p + FP_BYTES, vw); // ell_VW · P.y
        fn.f2m_mul1(line + 4 * FP_BYTES, p, vv); // ell_VV · P.x
        fn.bn128__mulBy024(line, vw, vv, f);
        lines[k] = line + LINE_BYTES;
      }
    };
    fn.ftm_one(f);
    for (let i = ATE_LOOP_BITS.length - 2; i >= 0; i--) {
      fn.ftm_square(f, f);
      evaluate();
      if (ATE_LOOP_BITS[i] === 1) evaluate();
    }
    evaluate(); // Q1 = pi(Q)
    evaluate(); // Q2 = -pi^2(Q)
    fn.bn128_finalExponentiation(f, f);
    return fn.ftm_isOne(f) === 1;
  }
}

function align(address: number): number {
  return (address + 7) & ~7;
}
