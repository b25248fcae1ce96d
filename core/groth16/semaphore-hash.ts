import { keccak_256 } from "@noble/hashes/sha3.js";

const TWO_256 = 1n << 256n;

/**
 * Semaphore's `hash` (`@semaphore-protocol/proof` src/hash.ts): keccak256 of the value as 32
 * big-endian bytes (ethers `toBeHex(value, 32)`), shifted right by 8 bits so the digest fits below
 * the BN254 scalar modulus. The circuit takes hash(message) and hash(scope) as public inputs, so the
 * verifier must recompute them exactly. `value` must be in [0, 2^256), as `toBeHex` requires.
 */
export function semaphoreHash(value: bigint): bigint {
  if (typeof value !== "bigint") throw new TypeError(`value must be a bigint, got ${typeof value}`);
  if (value < 0n || value >= TWO_256) throw new RangeError(`value must be in [0, 2^256), got ${value}`);
  const bytes = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  let digest = 0n;
  for (const byte of keccak_256(bytes)) digest = (digest << 8n) | BigInt(byte);
  return digest >> 8n;
}
