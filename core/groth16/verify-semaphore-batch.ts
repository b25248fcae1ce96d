import { describeValue } from "../internal/assert";
import { decodeSemaphoreProof } from "./decode-semaphore-proof";
import type { Groth16BatchItem, Groth16VerificationKey } from "./types";
import { type VerifyGroth16BatchOptions, verifyGroth16Batch } from "./verify-groth16-batch";

/**
 * Verifies Semaphore v4 proofs in batches: for each proof in order, the answer of Semaphore's
 * `verifyProof` (same public signals, same per-depth key), computed by `verifyGroth16Batch`.
 * `keys` maps a tree depth to its verification key (`parseVerificationKey` of
 * semaphore-<depth>.json); proofs of every depth may be mixed.
 *
 * Each proof is decoded strictly first (`decodeSemaphoreProof`): a malformed one throws a
 * TypeError or RangeError naming it (`proofs[3].points[2]`) and nothing is verified, as does a
 * depth with no key. Decode at the boundary where proofs arrive, so a queue only holds well-formed
 * proofs.
 */
export function verifySemaphoreBatch(
  keys: ReadonlyMap<number, Groth16VerificationKey>,
  proofs: readonly unknown[],
  options: VerifyGroth16BatchOptions,
): boolean[] {
  if (!Array.isArray(proofs)) throw new TypeError(`proofs must be an array, got ${describeValue(proofs)}`);
  if (!(keys instanceof Map)) throw new TypeError(`keys must be a Map, got ${describeValue(keys)}`);
  const items = proofs.map((proof, i): Groth16BatchItem => {
    const decoded = decodeSemaphoreProof(proof, `proofs[${i}]`);
    if (!keys.has(decoded.merkleTreeDepth)) {
      throw new RangeError(`proofs[${i}].merkleTreeDepth ${decoded.merkleTreeDepth} has no verification key`);
    }
    return { keyId: decoded.merkleTreeDepth, proof: decoded.proof, publicSignals: decoded.publicSignals };
  });
  return verifyGroth16Batch(keys, items, options);
}
