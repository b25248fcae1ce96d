import { sha256 } from "@noble/hashes/sha2.js";
import { assertBytes } from "../internal/assert";
import { readUint32BE } from "../internal/bytes";
import { encodeUtf8 } from "../internal/utf8";
import { isValidKeyName } from "./is-valid-key-name";

/**
 * Key ID of a note key (c2sp.org/signed-note, "Signatures"):
 * SHA-256(key name || 0x0A || signature type || public key)[:4] as a big-endian uint32.
 *
 * The ID only routes a signature line to a configured key: it is deliberately short and not a
 * security boundary, because the verifier still checks the signature with the configured key.
 * Including the type byte lets one key and name serve two algorithms (Ed25519 notes, 0x01, and
 * cosignature/v1, 0x04) without one signature being mistaken for the other.
 */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  if (!isValidKeyName(name)) throw new TypeError(`name is not a valid key name: ${JSON.stringify(name)}`);
  if (!Number.isInteger(type) || type < 0 || type > 255)
    throw new RangeError(`type must be a byte, got ${type}`);
  assertBytes(publicKey, "publicKey");
  const digest = sha256
    .create()
    .update(encodeUtf8(name))
    .update(new Uint8Array([0x0a, type]))
    .update(publicKey)
    .digest();
  return readUint32BE(digest, 0);
}
