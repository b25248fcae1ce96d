import { readFileSync } from "node:fs";
import {
  createBn254Engine,
  type Groth16VerificationKey,
  parseVerificationKey,
  verifySemaphoreBatch,
} from "@/core/groth16";
import type { ProofBatchVerifier } from "@/core/verify";
import { artifactPath } from "@/server/zk/artifact-path";
import { buildBn254Wasm } from "@/server/zk/proof-verifier-pool";

/**
 * Batch verification on the calling thread, with the official per-depth keys from the pinned
 * artifacts: what the worker pool does, without threads, for tests that check a handful of proofs.
 */
export async function createInProcessProofVerifier(): Promise<ProofBatchVerifier> {
  const engine = await createBn254Engine(buildBn254Wasm());
  const keys = new Map<number, Groth16VerificationKey>();
  return async (proofs) => {
    for (const p of proofs) {
      const depth = p.merkleTreeDepth;
      if (!keys.has(depth) && Number.isInteger(depth) && depth >= 1 && depth <= 32) {
        keys.set(depth, parseVerificationKey(JSON.parse(readFileSync(artifactPath(depth, "json"), "utf8"))));
      }
    }
    return verifySemaphoreBatch(keys, proofs, { engine });
  };
}
