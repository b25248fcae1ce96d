/** A point of G1 in affine coordinates, each a canonical element of [0, p). */
export interface G1Point {
  readonly x: bigint;
  readonly y: bigint;
}

/** An element c0 + c1·u of F_p2 = F_p[u]/(u^2+1), as [c0, c1]. */
export type Fp2Element = readonly [bigint, bigint];

/** A point of G2 (on the twist over F_p2) in affine coordinates. */
export interface G2Point {
  readonly x: Fp2Element;
  readonly y: Fp2Element;
}

/** A Groth16 proof (A, B, C): A and C in G1, B in G2. */
export interface Groth16Proof {
  readonly a: G1Point;
  readonly b: G2Point;
  readonly c: G1Point;
}

/**
 * A Groth16 verification key over BN254, as snarkjs writes it (`vk_alpha_1`, `vk_beta_2`,
 * `vk_gamma_2`, `vk_delta_2`, `IC`). A proof for public signals s_1..s_n is valid when
 * e(A, B) = e(alpha, beta) · e(IC_0 + Σ s_j·IC_j, gamma) · e(C, delta).
 */
export interface Groth16VerificationKey {
  readonly alpha: G1Point;
  readonly beta: G2Point;
  readonly gamma: G2Point;
  readonly delta: G2Point;
  /** IC_0..IC_n: one point per public signal, plus the constant term. */
  readonly ic: readonly G1Point[];
}

/** One statement to check in a batch: which key, the proof, and its public signals. */
export interface Groth16BatchItem {
  /** Key of the verification key in the map given to `verifyGroth16Batch` (for Semaphore, the depth). */
  readonly keyId: number;
  readonly proof: Groth16Proof;
  /** s_1..s_n, each in [0, r); n is the key's `ic.length - 1`. */
  readonly publicSignals: readonly bigint[];
}

/**
 * A Semaphore v4 proof as `@semaphore-protocol/proof` produces and serializes it: decimal strings,
 * with the Groth16 proof packed into 8 field elements (`packGroth16Proof`).
 */
export interface SemaphoreProof {
  readonly merkleTreeDepth: number;
  readonly merkleTreeRoot: string;
  readonly nullifier: string;
  readonly message: string;
  readonly scope: string;
  readonly points: readonly string[];
}

/** A Semaphore proof after strict decoding: numbers as bigint, points unpacked. */
export interface DecodedSemaphoreProof {
  readonly merkleTreeDepth: number;
  readonly merkleTreeRoot: bigint;
  readonly nullifier: bigint;
  readonly message: bigint;
  readonly scope: bigint;
  /** What the circuit exposes: [merkleTreeRoot, nullifier, hash(message), hash(scope)]. */
  readonly publicSignals: readonly [bigint, bigint, bigint, bigint];
  readonly proof: Groth16Proof;
}
