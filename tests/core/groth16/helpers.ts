// Shared by the Groth16 tests: the committed real proofs, the pinned verification keys, an engine,
// Semaphore's own verifyProof as the reference, and @noble/curves for building hostile points
// independently of the WASM code under test.
import { readFileSync } from "node:fs";
import { bn254 } from "@noble/curves/bn254.js";
import { verifyProof } from "@semaphore-protocol/core";
import * as snarkjs from "snarkjs";
import {
  BN254_SCALAR_MODULUS,
  BN254_TWIST_B,
  type Bn254Engine,
  createBn254Engine,
  type Groth16VerificationKey,
  loadBn254WasmFromSnarkjs,
  parseVerificationKey,
  type SemaphoreProof,
  type SnarkjsCurves,
} from "@/core/groth16";
import { artifactPath } from "@/server/zk/artifact-path";

export const FIXTURE_PROOFS: readonly SemaphoreProof[] = JSON.parse(
  readFileSync(new URL("../../fixtures/groth16/semaphore-proofs.json", import.meta.url), "utf8"),
).proofs;

export function readVerificationKeyJson(depth: number): unknown {
  return JSON.parse(readFileSync(artifactPath(depth, "json"), "utf8"));
}

/** Parsed keys for every depth 1..32 (parsing checks each G2 point's subgroup: ~0.5 s). */
let allKeys: Map<number, Groth16VerificationKey> | undefined;
export function semaphoreKeys(): Map<number, Groth16VerificationKey> {
  allKeys ??= new Map(
    Array.from({ length: 32 }, (_, i) => [i + 1, parseVerificationKey(readVerificationKeyJson(i + 1))]),
  );
  return allKeys;
}

let sharedEngine: Promise<Bn254Engine> | undefined;
export function testEngine(): Promise<Bn254Engine> {
  sharedEngine ??= loadBn254WasmFromSnarkjs((snarkjs as unknown as { curves: SnarkjsCurves }).curves).then(
    createBn254Engine,
  );
  return sharedEngine;
}

/**
 * The stock answer: Semaphore's verifyProof (snarkjs groth16.verify with its bundled keys). It
 * throws where snarkjs does (e.g. a non-numeric string); that counts as "not valid" here.
 */
export async function stockVerify(proof: SemaphoreProof): Promise<boolean> {
  try {
    return await verifyProof(proof as Parameters<typeof verifyProof>[0]);
  } catch {
    return false;
  }
}

export function cloneProof(proof: SemaphoreProof, change: Partial<SemaphoreProof> = {}): SemaphoreProof {
  return { ...proof, points: [...proof.points], ...change };
}

// ---- points, via @noble/curves -----------------------------------------------------------------

const { Fp2 } = bn254.fields;
const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
type G1P = InstanceType<typeof G1>;
type G2P = InstanceType<typeof G2>;

export function pointA(proof: SemaphoreProof): G1P {
  const [x, y] = proof.points.map(BigInt) as [bigint, bigint];
  return G1.fromAffine({ x, y });
}

export function pointB(proof: SemaphoreProof): G2P {
  const [, , x1, x0, y1, y0] = proof.points.map(BigInt) as bigint[] as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  return G2.fromAffine({ x: Fp2.fromBigTuple([x0, x1]), y: Fp2.fromBigTuple([y0, y1]) });
}

/** The proof with A replaced (packed order: A.x, A.y). */
export function withA(proof: SemaphoreProof, a: G1P): SemaphoreProof {
  const { x, y } = a.toAffine();
  const points = [...proof.points];
  points[0] = String(x);
  points[1] = String(y);
  return cloneProof(proof, { points });
}

/** The proof with B replaced (packed order: B.x.c1, B.x.c0, B.y.c1, B.y.c0). */
export function withB(proof: SemaphoreProof, b: G2P): SemaphoreProof {
  const { x, y } = b.toAffine();
  const points = [...proof.points];
  points[2] = String(x.c1);
  points[3] = String(x.c0);
  points[4] = String(y.c1);
  points[5] = String(y.c0);
  return cloneProof(proof, { points });
}

/** [k]P for any k ≥ 0, even k ≥ r (noble's multiply refuses those). */
export function mulAny(point: G2P, k: bigint): G2P {
  let result = G2.ZERO;
  let addend = point;
  for (let rest = k; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = result.add(addend);
    addend = addend.double();
  }
  return result;
}

/** A point of the twist y^2 = x^3 + 3/(9+u), found from x = (seed, 7), (seed + 1, 7), …. */
export function twistPoint(seed: bigint): G2P {
  const b = Fp2.fromBigTuple([BN254_TWIST_B[0], BN254_TWIST_B[1]]);
  for (let c0 = seed; ; c0++) {
    const x = Fp2.fromBigTuple([c0, 7n]);
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
    let y: ReturnType<typeof Fp2.sqrt>;
    try {
      y = Fp2.sqrt(rhs);
    } catch {
      continue;
    }
    return G2.fromAffine({ x, y });
  }
}

/** The twist has r·h points; h = 2p - r factors into these four primes (squarefree). */
export const TWIST_COFACTOR_PRIMES = [
  10069n,
  5864401n,
  1875725156269n,
  197620364512881247228717050342013327560683201906968909n,
] as const;
export const TWIST_COFACTOR = TWIST_COFACTOR_PRIMES.reduce((a, b) => a * b, 1n);

/** A point of order exactly `prime` (a prime factor of the cofactor) on the twist. */
export function torsionPoint(prime: bigint, seed = 99n): G2P {
  for (let s = seed; ; s += 1000n) {
    const t = mulAny(twistPoint(s), BN254_SCALAR_MODULUS * (TWIST_COFACTOR / prime));
    if (!t.is0()) return t;
  }
}
