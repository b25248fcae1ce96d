import { decodeBase64 } from "../encoding/decode-base64";
import { assertString } from "../internal/assert";
import { readUint32BE } from "../internal/bytes";
import { isValidKeyName } from "./is-valid-key-name";
import type { NoteSignature } from "./types";

const PREFIX = "— "; // Em dash U+2014, then a space.

/**
 * Parses one signature line without its trailing newline: "— <name> <base64>". The name ends at
 * the first space; the base64 must decode to a 4-byte key ID plus at least one signature byte.
 * Throws TypeError describing what is wrong.
 */
export function parseSignatureLine(line: string): NoteSignature {
  assertString(line, "line");
  if (!line.startsWith(PREFIX)) throw new TypeError('signature line must start with "— " (U+2014, space)');
  const body = line.slice(PREFIX.length);
  const space = body.indexOf(" ");
  if (space < 0) throw new TypeError("signature line must have a key name, a space and a signature");
  const name = body.slice(0, space);
  if (!isValidKeyName(name))
    throw new TypeError(`signature line has an invalid key name: ${JSON.stringify(name)}`);
  const raw = decodeBase64(body.slice(space + 1), "signature");
  if (raw.length < 5) throw new TypeError("signature must hold a 4-byte key ID and a signature");
  return { name, keyId: readUint32BE(raw, 0), signature: raw.slice(4) };
}
