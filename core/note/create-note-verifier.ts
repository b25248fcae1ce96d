import { ed25519 } from "@noble/curves/ed25519.js";
import { MAX_COSIGNATURE_TIMESTAMP } from "../cosignature/constants";
import { cosignatureMessage } from "../cosignature/cosignature-message";
import { assertBytes } from "../internal/assert";
import { readUint64BE } from "../internal/bytes";
import { computeKeyId } from "./compute-key-id";
import { isValidKeyName } from "./is-valid-key-name";
import {
  type NoteVerifier,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  type SignatureType,
} from "./types";

/**
 * Ed25519 verification as RFC 8032 specifies it, not the more permissive ZIP-215 rules noble uses
 * by default: non-canonical encodings are rejected, so a signature has one valid form. Everyone
 * checking a log must agree on which notes are validly signed, and Go's crypto/ed25519, used by
 * the sumdb and C2SP reference code, rejects these encodings too.
 */
function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/**
 * A verifier for an Ed25519 key of one of the two types Plaza supports:
 *
 * - 0x01, plain Ed25519 note signatures (c2sp.org/signed-note, "Ed25519 signatures"): a 64-byte
 *   signature over the note text.
 * - 0x04, cosignature/v1 (c2sp.org/tlog-cosignature): an 8-byte big-endian timestamp followed by a
 *   64-byte signature over "cosignature/v1\ntime <timestamp>\n" + note text. A cosigner key can
 *   therefore be passed to `openNote` like any other note key.
 *
 * Throws TypeError for an invalid name, public key, or unsupported type.
 */
export function createNoteVerifier(name: string, type: SignatureType, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw new TypeError(`name is not a valid key name: ${JSON.stringify(name)}`);
  assertBytes(publicKey, "publicKey", 32);
  if (!ed25519.utils.isValidPublicKey(publicKey, false)) {
    throw new TypeError("publicKey is not a valid Ed25519 public key");
  }
  const key = Uint8Array.from(publicKey);
  const keyId = computeKeyId(name, type, key);
  if (type === SIGNATURE_TYPE_ED25519) {
    return Object.freeze({
      name,
      keyId,
      type,
      publicKey: key,
      verify: (text: Uint8Array, signature: Uint8Array) =>
        signature instanceof Uint8Array && signature.length === 64 && ed25519Verify(signature, text, key),
    });
  }
  if (type === SIGNATURE_TYPE_COSIGNATURE_V1) {
    return Object.freeze({
      name,
      keyId,
      type,
      publicKey: key,
      verify: (text: Uint8Array, signature: Uint8Array) => {
        if (!(signature instanceof Uint8Array) || signature.length !== 72) return false;
        const timestamp = readUint64BE(signature, 0);
        if (timestamp > MAX_COSIGNATURE_TIMESTAMP) return false;
        return ed25519Verify(signature.subarray(8), cosignatureMessage(text, timestamp), key);
      },
    });
  }
  throw new TypeError(`unsupported signature type 0x${Number(type).toString(16).padStart(2, "0")}`);
}
