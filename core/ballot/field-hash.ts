import { keccak_256 } from "@noble/hashes/sha3.js";

/**
 * keccak256(bytes) >> 8: a value below 2^248, hence below the BN254 scalar field order, the way
 * Semaphore turns arbitrary data into a field element. Plaza uses it for scopes and messages;
 * Semaphore then hashes those once more (hash(x) = keccak256(x as 32 bytes) >> 8) inside
 * generateProof / verifyProof before they become public signals.
 */
export function fieldHash(bytes: Uint8Array): bigint {
  const digest = keccak_256(bytes);
  let x = 0n;
  for (const b of digest) x = (x << 8n) | BigInt(b);
  return x >> 8n;
}
