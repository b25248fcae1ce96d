import verificationKeys from "@/circuits/semaphore-verification-keys.json";
import { createBn254Engine, parseSemaphoreVerificationKeys, verifySemaphoreBatch } from "@/core/groth16";
import type { ProofBatchVerifier } from "@/core/verify";
import { buildBn254Wasm } from "@/server/zk/proof-verifier-pool";

/**
 * Batch verification on the calling thread, with the pinned official keys (the ones the browser's
 * proof workers bundle): what the worker pool does, without threads, for tests that check a
 * handful of proofs.
 */
export async function createInProcessProofVerifier(): Promise<ProofBatchVerifier> {
  const engine = await createBn254Engine(buildBn254Wasm());
  const keys = parseSemaphoreVerificationKeys(verificationKeys);
  return async (proofs) => verifySemaphoreBatch(keys, proofs, { engine });
}
