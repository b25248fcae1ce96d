// Groth16 proof checks over BN254 for Semaphore v4 votes: strict decoding of snarkjs verification
// keys and Semaphore's packed proofs, Semaphore's public signals, and batch verification by random
// linear combination on the WASM arithmetic snarkjs uses (injected, so core/ imports no more than
// @noble). Runs in Node, browsers and Web Workers:
//
//   const engine = await createBn254Engine(await loadBn254WasmFromSnarkjs(snarkjs.curves));
//   const keys = new Map([[depth, parseVerificationKey(semaphoreDepthJson)], ...]);
//   const valid: boolean[] = verifySemaphoreBatch(keys, proofs, { engine });
//
// On the server, server/zk/proof-verifier-pool.ts runs this on worker threads (and builds the
// module bytes from wasmcurves, since snarkjs cannot be imported in a Node worker thread).
export type { Bn254Engine } from "./bn254-engine";
export {
  BATCH_WEIGHT_BITS,
  BN254_FIELD_MODULUS,
  BN254_SCALAR_MODULUS,
  BN254_SEED,
  BN254_TWIST_B,
  SEMAPHORE_MAX_DEPTH,
  SEMAPHORE_MIN_DEPTH,
} from "./constants";
export { type Bn254WasmSource, createBn254Engine } from "./create-bn254-engine";
export { decodeSemaphoreProof } from "./decode-semaphore-proof";
export { loadBn254WasmFromSnarkjs, type SnarkjsCurves } from "./load-bn254-wasm-from-snarkjs";
export { parseSemaphoreVerificationKeys } from "./parse-semaphore-verification-keys";
export { parseVerificationKey } from "./parse-verification-key";
export { semaphoreHash } from "./semaphore-hash";
export type {
  DecodedSemaphoreProof,
  Fp2Element,
  G1Point,
  G2Point,
  Groth16BatchItem,
  Groth16Proof,
  Groth16VerificationKey,
  SemaphoreProof,
} from "./types";
export { unpackGroth16Proof } from "./unpack-groth16-proof";
export { type VerifyGroth16BatchOptions, verifyGroth16Batch } from "./verify-groth16-batch";
export { verifySemaphoreBatch } from "./verify-semaphore-batch";
