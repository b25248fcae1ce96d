import { ed25519 } from "@noble/curves/ed25519.js";
import { assertBytes } from "../internal/assert";
import { computeKeyId } from "./compute-key-id";
import { isValidKeyName } from "./is-valid-key-name";
import {
  type NoteSigner,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  type SignatureType,
} from "./types";

/**
 * A signer from a name, signature type and 32-byte Ed25519 seed. Type 0x01 keys sign notes with
 * `signNote`; type 0x04 keys make cosignature/v1 cosignatures with `signCosignature`.
 */
export function createNoteSigner(name: string, type: SignatureType, seed: Uint8Array): NoteSigner {
  if (!isValidKeyName(name)) throw new TypeError(`name is not a valid key name: ${JSON.stringify(name)}`);
  if (type !== SIGNATURE_TYPE_ED25519 && type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new TypeError(`unsupported signature type 0x${Number(type).toString(16).padStart(2, "0")}`);
  }
  assertBytes(seed, "seed", 32);
  const secret = Uint8Array.from(seed);
  const publicKey = ed25519.getPublicKey(secret);
  return Object.freeze({ name, keyId: computeKeyId(name, type, publicKey), type, seed: secret, publicKey });
}
