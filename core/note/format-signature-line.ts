import { encodeBase64 } from "../encoding/encode-base64";
import { assertBytes, assertObject } from "../internal/assert";
import { concatBytes, writeUint32BE } from "../internal/bytes";
import { isValidKeyName } from "./is-valid-key-name";
import type { NoteSignature } from "./types";

/**
 * One signature line, "— <name> base64(keyId || signature)\n": em dash (U+2014), space, key name,
 * space, standard base64 of the big-endian uint32 key ID followed by the signature, newline
 * (c2sp.org/signed-note, "Format"). Witness responses (c2sp.org/tlog-witness) are such lines.
 */
export function formatSignatureLine(signature: NoteSignature): string {
  assertObject(signature, "signature");
  const { name, keyId, signature: bytes } = signature;
  if (!isValidKeyName(name))
    throw new TypeError(`signature.name is not a valid key name: ${JSON.stringify(name)}`);
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) {
    throw new RangeError(`signature.keyId must be a uint32, got ${keyId}`);
  }
  assertBytes(bytes, "signature.signature");
  if (bytes.length === 0) throw new TypeError("signature.signature must not be empty");
  return `— ${name} ${encodeBase64(concatBytes(writeUint32BE(keyId), bytes))}\n`;
}
