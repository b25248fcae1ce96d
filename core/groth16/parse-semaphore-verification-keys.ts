import { assertObject } from "../internal/assert";
import { SEMAPHORE_MAX_DEPTH, SEMAPHORE_MIN_DEPTH } from "./constants";
import { parseVerificationKey } from "./parse-verification-key";
import type { Groth16VerificationKey } from "./types";

/**
 * The per-depth Groth16 keys from Semaphore's combined verification-keys.json (the file
 * `@semaphore-protocol/proof` verifies with: alpha, beta and gamma shared, `vk_delta_2[d - 1]` and
 * `IC[d - 1]` for depth d), keyed by depth, for `verifySemaphoreBatch`. The browser bundles the
 * pinned copy (circuits/semaphore-verification-keys.json), so no key is ever fetched from the
 * server it checks. Throws TypeError naming the depth whose key is malformed.
 */
export function parseSemaphoreVerificationKeys(json: unknown): Map<number, Groth16VerificationKey> {
  assertObject(json, "verification keys");
  const { vk_delta_2: deltas, IC: ics } = json as { vk_delta_2?: unknown; IC?: unknown };
  if (!Array.isArray(deltas) || !Array.isArray(ics) || deltas.length !== ics.length)
    throw new TypeError("verification keys must hold one vk_delta_2 and one IC per depth");
  const keys = new Map<number, Groth16VerificationKey>();
  for (let depth = SEMAPHORE_MIN_DEPTH; depth <= Math.min(SEMAPHORE_MAX_DEPTH, deltas.length); depth++) {
    keys.set(
      depth,
      parseVerificationKey({ ...json, vk_delta_2: deltas[depth - 1], IC: ics[depth - 1] }, `depth ${depth}`),
    );
  }
  return keys;
}
