import { decodeBase64 } from "../encoding/decode-base64";
import { assertString } from "../internal/assert";
import { createNoteSigner } from "./create-note-signer";
import { isValidKeyName } from "./is-valid-key-name";
import type { NoteSigner, SignatureType } from "./types";

const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/;

/**
 * Parses a signer key string "PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>", the format
 * of golang.org/x/mod/sumdb/note's NewSigner. The "PRIVATE+KEY" prefix keeps a secret key from
 * being mistaken for, or pasted as, a public verifier key.
 *
 * The key ID is that of the *public* key, so it is checked after deriving the public key from the
 * seed: a mismatch means a corrupted key. Throws TypeError naming the bad part.
 */
export function parseSignerKey(skey: string): NoteSigner {
  assertString(skey, "skey");
  const prefix = "PRIVATE+KEY+";
  if (!skey.startsWith(prefix)) throw new TypeError('skey must start with "PRIVATE+KEY+"');
  const rest = skey.slice(prefix.length);
  const first = rest.indexOf("+");
  const second = first < 0 ? -1 : rest.indexOf("+", first + 1);
  if (second < 0) throw new TypeError("skey must have the form PRIVATE+KEY+<name>+<key ID>+<key>");
  const name = rest.slice(0, first);
  const idHex = rest.slice(first + 1, second);
  if (!isValidKeyName(name)) throw new TypeError(`skey has an invalid key name: ${JSON.stringify(name)}`);
  if (!KEY_ID_HEX.test(idHex)) throw new TypeError("skey key ID must be 8 hex digits");
  const key = decodeBase64(rest.slice(second + 1), "skey key");
  if (key.length !== 33)
    throw new TypeError(`skey key must be a type byte and a 32-byte seed, got ${key.length} bytes`);
  const signer = createNoteSigner(name, key[0] as SignatureType, key.subarray(1));
  if (signer.keyId !== Number.parseInt(idHex, 16)) {
    throw new TypeError(`skey key ID ${idHex} does not match the key`);
  }
  return signer;
}
