import { assertObject, describeValue } from "../internal/assert";
import {
  Bn254Engine,
  FP_BYTES,
  G1_AFFINE_BYTES,
  G1_JACOBIAN_BYTES,
  G2_JACOBIAN_BYTES,
  PREPARED_G2_BYTES,
} from "./bn254-engine";
import { BATCH_WEIGHT_BITS, BN254_FIELD_MODULUS, BN254_SCALAR_MODULUS } from "./constants";
import type { G1Point, G2Point, Groth16BatchItem, Groth16Proof, Groth16VerificationKey } from "./types";

// Batch verification of Groth16 by random linear combination (Bellare–Garay–Rabin small
// exponents). Proof i is valid when
//     e(A_i, B_i) = e(alpha, beta) · e(L_i, gamma) · e(C_i, delta),   L_i = IC_0 + Σ_j s_ij·IC_j.
// Raising equation i to a random 128-bit weight r_i and multiplying them all gives one equation
//     Π e(r_i·A_i, B_i) · e(-Σr_i·alpha, beta) · e(-Σ r_i·L_i, gamma) · e(-Σ r_i·C_i, delta) = 1
// that costs n + 3 Miller loops sharing their squarings, and one final exponentiation, instead of
// 4n loops and n exponentiations. Σ r_i·L_i folds into one multi-exponentiation over the IC points
// with scalars Σ_i r_i·s_ij. With several keys, terms that pair with the same G2 point (Semaphore's
// depths share alpha, beta and gamma; only delta and IC differ) are summed in G1 first.
//
// If any proof is invalid, the combined equation holds only if the weights cancel it: GT has prime
// order r, so for weights drawn after the batch is fixed that happens with probability ≤ 2^-128.
// The weights come from crypto.getRandomValues once every proof of the batch has been written, so
// nobody who chooses proofs can know them.
//
// When a batch fails, bisection finds the bad proofs. The same weights are kept, so the product of
// a batch is exactly the product of its halves: if the left half passes, the right half is known
// bad without checking it. A single proof is checked with weight r_i ≠ 0, which holds exactly when
// its own equation does, so every answer matches a one-by-one verification (snarkjs's) except with
// probability ≤ 2^-128 per batch check.
//
// Before any pairing, each A and C must be on the curve (G1 has cofactor 1) and each B on the twist
// and in the order-r subgroup; a proof failing that is false and stays out of the batch.

const R = BN254_SCALAR_MODULUS;
const P = BN254_FIELD_MODULUS;
const WEIGHT_BYTES = BATCH_WEIGHT_BITS / 8;
const DEFAULT_MAX_BATCH_SIZE = 256;
const MAX_MAX_BATCH_SIZE = 4096;

export interface VerifyGroth16BatchOptions {
  /** The WASM arithmetic (`createBn254Engine`). */
  readonly engine: Bn254Engine;
  /**
   * Most proofs combined in one check (default 256); more are split into several batches, each
   * with its own weights. Memory is about 21 KB per proof of a batch.
   */
  readonly maxBatchSize?: number;
}

/**
 * Verifies Groth16 proofs over BN254 in batches and returns, for each item in order, whether its
 * proof is valid for its public signals under `keys.get(item.keyId)`.
 *
 * Malformed input throws, naming the item: TypeError for a wrong shape or type, RangeError for a
 * keyId with no key, a wrong number of public signals, a signal outside [0, r) or a coordinate
 * outside [0, p). A well-formed proof that is invalid (points off the curve or outside their
 * subgroups, or a failing pairing equation) is `false`. Keys are assumed valid
 * (`parseVerificationKey` checks them) and are checked again, once, when first used.
 */
export function verifyGroth16Batch(
  keys: ReadonlyMap<number, Groth16VerificationKey>,
  items: readonly Groth16BatchItem[],
  options: VerifyGroth16BatchOptions,
): boolean[] {
  assertObject(options, "options");
  const { engine } = options;
  if (!(engine instanceof Bn254Engine)) {
    throw new TypeError(
      `options.engine must be a Bn254Engine (createBn254Engine), got ${describeValue(engine)}`,
    );
  }
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1 || maxBatchSize > MAX_MAX_BATCH_SIZE) {
    throw new RangeError(
      `options.maxBatchSize must be an integer from 1 to ${MAX_MAX_BATCH_SIZE}, got ${maxBatchSize}`,
    );
  }
  if (!(keys instanceof Map)) throw new TypeError(`keys must be a Map, got ${describeValue(keys)}`);
  if (!Array.isArray(items)) throw new TypeError(`items must be an array, got ${describeValue(items)}`);

  const entries = items.map((item, index): Entry => {
    const key = checkItem(keys, item, `items[${index}]`);
    return { index, keyId: item.keyId, key, proof: item.proof, signals: item.publicSignals };
  });
  // Sort by key so that a batch holds few distinct keys (each adds a pairing) and the proofs of one
  // key sit side by side, where one multi-exponentiation can sum their C points.
  entries.sort((a, b) => a.keyId - b.keyId || a.index - b.index);

  const results = new Array<boolean>(items.length).fill(false);
  const state = keyState(engine);
  for (let start = 0; start < entries.length; start += maxBatchSize) {
    const batch = entries.slice(start, start + maxBatchSize);
    // Prepared keys stay in memory across batches; the proofs' buffers are freed after each.
    const prepared = state.prepare(new Set(batch.map((entry) => entry.key)));
    engine.scratch(() => {
      for (const index of verifyBatch(engine, batch, prepared)) results[index] = true;
    });
  }
  return results;
}

interface Entry {
  readonly index: number;
  readonly keyId: number;
  readonly key: Groth16VerificationKey;
  readonly proof: Groth16Proof;
  readonly signals: readonly bigint[];
}

/** A G2 point of a key, with its Miller loop lines; `id` identifies it by value. */
interface PreparedG2 {
  readonly id: string;
  readonly lines: number;
}

interface PreparedKey {
  readonly alpha: number;
  /** IC_0..IC_n, affine, contiguous. */
  readonly ic: number;
  readonly icCount: number;
  readonly beta: PreparedG2;
  readonly gamma: PreparedG2;
  readonly delta: PreparedG2;
}

// ---- input checks -----------------------------------------------------------------------------

function checkItem(
  keys: ReadonlyMap<number, Groth16VerificationKey>,
  item: Groth16BatchItem,
  name: string,
): Groth16VerificationKey {
  assertObject(item, name);
  const key = keys.get(item.keyId);
  if (key === undefined) {
    throw new RangeError(`${name}.keyId has no verification key, got ${describeValue(item.keyId)}`);
  }
  const signals = item.publicSignals;
  if (!Array.isArray(signals)) {
    throw new TypeError(`${name}.publicSignals must be an array, got ${describeValue(signals)}`);
  }
  if (signals.length !== key.ic.length - 1) {
    throw new RangeError(
      `${name}.publicSignals must hold ${key.ic.length - 1} signals, got ${signals.length}`,
    );
  }
  signals.forEach((s, j) => {
    checkBelow(s, `${name}.publicSignals[${j}]`, R, "r");
  });
  const proof = item.proof;
  assertObject(proof, `${name}.proof`);
  checkG1(proof.a, `${name}.proof.a`);
  checkG2(proof.b, `${name}.proof.b`);
  checkG1(proof.c, `${name}.proof.c`);
  return key;
}

function checkBelow(value: unknown, name: string, bound: bigint, boundName: string): void {
  if (typeof value !== "bigint") throw new TypeError(`${name} must be a bigint, got ${describeValue(value)}`);
  if (value < 0n || value >= bound)
    throw new RangeError(`${name} must be in [0, ${boundName}), got ${value}`);
}

function checkG1(point: G1Point, name: string): void {
  assertObject(point, name);
  checkBelow(point.x, `${name}.x`, P, "p");
  checkBelow(point.y, `${name}.y`, P, "p");
}

function checkG2(point: G2Point, name: string): void {
  assertObject(point, name);
  for (const coordinate of ["x", "y"] as const) {
    const value = point[coordinate];
    if (!Array.isArray(value) || value.length !== 2) {
      throw new TypeError(`${name}.${coordinate} must be a pair of bigints, got ${describeValue(value)}`);
    }
    checkBelow(value[0], `${name}.${coordinate}[0]`, P, "p");
    checkBelow(value[1], `${name}.${coordinate}[1]`, P, "p");
  }
}

// ---- keys -------------------------------------------------------------------------------------

interface KeyState {
  prepare(keys: ReadonlySet<Groth16VerificationKey>): Map<Groth16VerificationKey, PreparedKey>;
}

// Prepared keys live in the engine's memory for as long as the engine; keys are recognised by
// value, so parsing the same key twice costs nothing. Past MAX_KEYS distinct keys everything is
// dropped and prepared again, which bounds the memory whatever callers pass.
const MAX_KEYS = 64;
const keyStates = new WeakMap<Bn254Engine, KeyState>();
const keyIds = new WeakMap<Groth16VerificationKey, string>();

function keyState(engine: Bn254Engine): KeyState {
  let state = keyStates.get(engine);
  if (state) return state;
  const byId = new Map<string, PreparedKey>();
  const g2ById = new Map<string, PreparedG2>();
  const prepareG2 = (point: G2Point, name: string): PreparedG2 => {
    const id = g2Id(point);
    let prepared = g2ById.get(id);
    if (!prepared) {
      const jacobian = engine.alloc(G2_JACOBIAN_BYTES);
      engine.writeG2Jacobian(jacobian, point.x, point.y);
      if (!engine.isG2(jacobian)) throw new RangeError(`verification key ${name} is not a point of G2`);
      const lines = engine.alloc(PREPARED_G2_BYTES);
      engine.prepareG2(jacobian, lines);
      prepared = { id, lines };
      g2ById.set(id, prepared);
    }
    return prepared;
  };
  const writeG1 = (address: number, point: G1Point, name: string) => {
    engine.writeG1Affine(address, point.x, point.y);
    if (!engine.isG1(address)) throw new RangeError(`verification key ${name} is not a point of G1`);
  };
  const idOf = (key: Groth16VerificationKey): string => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = [g1Id(key.alpha), g2Id(key.beta), g2Id(key.gamma), g2Id(key.delta), ...key.ic.map(g1Id)].join(";");
      keyIds.set(key, id);
    }
    return id;
  };
  const prepareKey = (id: string, key: Groth16VerificationKey): PreparedKey => {
    const alpha = engine.alloc(G1_AFFINE_BYTES);
    writeG1(alpha, key.alpha, "alpha");
    const ic = engine.alloc(G1_AFFINE_BYTES * key.ic.length);
    key.ic.forEach((point, j) => {
      writeG1(ic + j * G1_AFFINE_BYTES, point, `IC[${j}]`);
    });
    const prepared: PreparedKey = {
      alpha,
      ic,
      icCount: key.ic.length,
      beta: prepareG2(key.beta, "beta"),
      gamma: prepareG2(key.gamma, "gamma"),
      delta: prepareG2(key.delta, "delta"),
    };
    byId.set(id, prepared);
    return prepared;
  };
  state = {
    prepare(keys) {
      const ids = new Map([...keys].map((key) => [key, idOf(key)]));
      const missing = new Set([...ids.values()].filter((id) => !byId.has(id)));
      if (missing.size > 0 && byId.size + missing.size > MAX_KEYS) {
        // Nothing else is allocated while keys are prepared, so everything after base can go.
        byId.clear();
        g2ById.clear();
        engine.reset(engine.base);
      }
      const prepared = new Map<Groth16VerificationKey, PreparedKey>();
      for (const [key, id] of ids) prepared.set(key, byId.get(id) ?? prepareKey(id, key));
      return prepared;
    },
  };
  keyStates.set(engine, state);
  return state;
}

const g1Id = (p: G1Point) => `${p.x},${p.y}`;
const g2Id = (p: G2Point) => `${p.x[0]},${p.x[1]},${p.y[0]},${p.y[1]}`;

// ---- one batch --------------------------------------------------------------------------------

/** Checks one batch (already in key order) and returns the input indices of the valid proofs. */
function verifyBatch(
  engine: Bn254Engine,
  batch: readonly Entry[],
  prepared: ReadonlyMap<Groth16VerificationKey, PreparedKey>,
): number[] {
  const capacity = batch.length;
  const pointA = engine.alloc(G1_AFFINE_BYTES * capacity);
  const pointB = engine.alloc(G2_JACOBIAN_BYTES * capacity);
  const pointC = engine.alloc(G1_AFFINE_BYTES * capacity);

  // 1. Write every proof and keep those whose points are in their groups. Slot j holds the j-th
  //    kept proof, so the kept proofs of one key stay contiguous.
  const live: Entry[] = [];
  for (const entry of batch) {
    const j = live.length;
    const a = pointA + j * G1_AFFINE_BYTES;
    const b = pointB + j * G2_JACOBIAN_BYTES;
    const c = pointC + j * G1_AFFINE_BYTES;
    const { proof } = entry;
    engine.writeG1Affine(a, proof.a.x, proof.a.y);
    engine.writeG1Affine(c, proof.c.x, proof.c.y);
    engine.writeG2Jacobian(b, proof.b.x, proof.b.y);
    if (engine.isG1(a) && engine.isG1(c) && engine.isG2(b)) live.push(entry);
  }
  const n = live.length;
  if (n === 0) return [];

  // 2. The batch is now fixed: draw the weights.
  const weights = randomWeights(n);
  const weightBytes = engine.alloc(WEIGHT_BYTES * n);
  weights.forEach((w, j) => {
    engine.writeScalar(weightBytes + j * WEIGHT_BYTES, w, WEIGHT_BYTES);
  });

  // 3. Per proof: r_j·A_j in affine form, and the Miller loop lines of B_j.
  const weightedA = engine.alloc(G1_JACOBIAN_BYTES * n);
  for (let j = 0; j < n; j++) {
    engine.g1TimesScalar(
      pointA + j * G1_AFFINE_BYTES,
      weightBytes + j * WEIGHT_BYTES,
      WEIGHT_BYTES,
      weightedA + j * G1_JACOBIAN_BYTES,
    );
  }
  const weightedAffineA = engine.alloc(G1_AFFINE_BYTES * n);
  engine.g1BatchToAffine(weightedA, n, weightedAffineA);
  const linesB = engine.alloc(PREPARED_G2_BYTES * n);
  for (let j = 0; j < n; j++)
    engine.prepareG2(pointB + j * G2_JACOBIAN_BYTES, linesB + j * PREPARED_G2_BYTES);

  const keyOf = live.map((entry) => prepared.get(entry.key) as PreparedKey);

  /** Whether the weighted equation of kept proofs [lo, hi) holds. */
  const check = (lo: number, hi: number): boolean =>
    engine.scratch(() => {
      const g1: number[] = [];
      const g2: number[] = [];
      for (let j = lo; j < hi; j++) {
        g1.push(weightedAffineA + j * G1_AFFINE_BYTES);
        g2.push(linesB + j * PREPARED_G2_BYTES);
      }
      // G1 partners of the key's G2 points, summed per distinct G2 point.
      const partners = new Map<string, { lines: number; sum: number }>();
      const partner = (point: PreparedG2): number => {
        let found = partners.get(point.id);
        if (!found) {
          found = { lines: point.lines, sum: engine.alloc(G1_JACOBIAN_BYTES) };
          engine.g1SetZero(found.sum);
          partners.set(point.id, found);
        }
        return found.sum;
      };
      const term = engine.alloc(G1_JACOBIAN_BYTES);
      for (let start = lo; start < hi; ) {
        const key = keyOf[start] as PreparedKey;
        let end = start + 1;
        while (end < hi && keyOf[end] === key) end++;
        // -Σ r_j·C_j, pairing with delta.
        engine.g1MultiExp(
          pointC + start * G1_AFFINE_BYTES,
          weightBytes + start * WEIGHT_BYTES,
          WEIGHT_BYTES,
          end - start,
          term,
        );
        engine.g1AddTo(partner(key.delta), term, true);
        // -(Σ r_j)·alpha with beta, and -Σ r_j·L_j = -(Σ r_j)·IC_0 - Σ_k (Σ_j r_j·s_jk)·IC_k with gamma.
        const sums = new Array<bigint>(key.icCount).fill(0n);
        for (let j = start; j < end; j++) {
          const w = weights[j] as bigint;
          sums[0] = (sums[0] as bigint) + w;
          (live[j] as Entry).signals.forEach((s, k) => {
            sums[k + 1] = (sums[k + 1] as bigint) + w * s;
          });
        }
        const scalars = engine.alloc(FP_BYTES * key.icCount);
        sums.forEach((sum, k) => {
          engine.writeScalar(scalars + k * FP_BYTES, (R - (sum % R)) % R, FP_BYTES);
        });
        engine.g1TimesScalar(key.alpha, scalars, FP_BYTES, term);
        engine.g1AddTo(partner(key.beta), term);
        engine.g1MultiExp(key.ic, scalars, FP_BYTES, key.icCount, term);
        engine.g1AddTo(partner(key.gamma), term);
        start = end;
      }
      for (const { lines, sum } of partners.values()) {
        const affine = engine.alloc(G1_JACOBIAN_BYTES);
        // A partner that sums to infinity pairs to 1 and is left out.
        if (engine.g1ToAffine(sum, affine)) {
          g1.push(affine);
          g2.push(lines);
        }
      }
      return engine.pairingProductIsOne(g1, g2);
    });

  // 4. Check the whole batch; on failure, bisect.
  const valid: number[] = [];
  const accept = (lo: number, hi: number) => {
    for (let j = lo; j < hi; j++) valid.push((live[j] as Entry).index);
  };
  const solve = (lo: number, hi: number, knownBad: boolean): void => {
    if (!knownBad && check(lo, hi)) {
      accept(lo, hi);
      return;
    }
    if (hi - lo === 1) return;
    const mid = (lo + hi) >>> 1;
    if (check(lo, mid)) {
      accept(lo, mid);
      solve(mid, hi, true);
    } else {
      solve(lo, mid, true);
      solve(mid, hi, false);
    }
  };
  solve(0, n, false);
  return valid;
}

/** n independent uniform weights in [1, 2^128), from the platform's CSPRNG. */
function randomWeights(n: number): bigint[] {
  const words = new Uint32Array(4 * n);
  crypto.getRandomValues(words);
  const weights: bigint[] = [];
  for (let j = 0; j < n; j++) {
    let w = 0n;
    for (let k = 0; k < 4; k++) w = (w << 32n) | BigInt(words[4 * j + k] as number);
    while (w === 0n) {
      // Probability 2^-128; a zero weight would drop the proof from the check.
      const again = new Uint32Array(4);
      crypto.getRandomValues(again);
      for (const word of again) w = (w << 32n) | BigInt(word);
    }
    weights.push(w);
  }
  return weights;
}
