import { decodeBase64 } from "../encoding/decode-base64";
import { assertString } from "../internal/assert";
import { createNoteVerifier } from "./create-note-verifier";
import { isValidKeyName } from "./is-valid-key-name";
import type { NoteVerifier, SignatureType } from "./types";

const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;

/**
 * Parses a verifier key string "<name>+<hex key ID>+<base64(type || public key)>", the format of
 * golang.org/x/mod/sumdb/note's NewVerifier (referenced by c2sp.org/signed-note and
 * c2sp.org/tlog-cosignature as "vkeys"). Type 0x01 keys verify Ed25519 note signatures and 0x04
 * keys verify cosignature/v1 cosignatures.
 *
 * The key ID in the string must match the one computed from name, type and key: a mismatch means
 * the string was corrupted or assembled by hand, and would silently never match any signature.
 * Throws TypeError naming the bad part.
 */
export function parseVerifierKey(vkey: string): NoteVerifier {
  assertString(vkey, "vkey");
  // The name and hex ID cannot contain "+", the base64 key can: split at the first two only.
  const first = vkey.indexOf("+");
  const second = first < 0 ? -1 : vkey.indexOf("+", first + 1);
  if (second < 0) throw new TypeError("vkey must have the form <name>+<key ID>+<key>");
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const key64 = vkey.slice(second + 1);
  if (!isValidKeyName(name)) throw new TypeError(`vkey has an invalid key name: ${JSON.stringify(name)}`);
  if (!KEY_ID_HEX.test(idHex)) throw new TypeError("vkey key ID must be 8 hex digits");
  const key = decodeBase64(key64, "vkey key");
  if (key.length !== 33)
    throw new TypeError(`vkey key must be a type byte and 32 bytes, got ${key.length} bytes`);
  const type = key[0] as SignatureType;
  const verifier = createNoteVerifier(name, type, key.subarray(1));
  if (verifier.keyId !== Number.parseInt(idHex, 16)) {
    throw new TypeError(
      `vkey key ID ${idHex} does not match the key (expected ${verifier.keyId.toString(16)})`,
    );
  }
  return verifier;
}
