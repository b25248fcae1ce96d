import { assertBytes } from "../internal/assert";
import { readUint64BE } from "../internal/bytes";
import { MAX_COSIGNATURE_TIMESTAMP } from "./constants";

export interface Cosignature {
  /** POSIX seconds at which the cosigner made the statement. */
  readonly timestamp: bigint;
  /** The 64-byte Ed25519 signature. */
  readonly signature: Uint8Array;
}

/**
 * Splits the signature bytes of an Ed25519 cosignature/v1 line (after the key ID) into its
 * big-endian u64 timestamp and 64-byte signature (c2sp.org/tlog-cosignature, `timestamped_signature`).
 * Does not verify: pass the cosigner's key to `openNote` for that. Throws TypeError if the length
 * is not 72 bytes, RangeError if the timestamp exceeds 2^63 - 1.
 */
export function parseCosignature(bytes: Uint8Array): Cosignature {
  assertBytes(bytes, "bytes", 72);
  const timestamp = readUint64BE(bytes, 0);
  if (timestamp > MAX_COSIGNATURE_TIMESTAMP) {
    throw new RangeError(`cosignature timestamp must not exceed 2^63 - 1, got ${timestamp}`);
  }
  return { timestamp, signature: bytes.slice(8) };
}
