import { encodeBase64 } from "../encoding/encode-base64";
import { concatBytes } from "../internal/bytes";
import { createNoteVerifier } from "./create-note-verifier";
import { formatKeyId } from "./format-key-id";
import type { SignatureType } from "./types";

/**
 * Encodes a public key as a verifier key string "<name>+<hex key ID>+<base64(type || key)>"
 * (golang.org/x/mod/sumdb/note's NewEd25519VerifierKey format). The inverse of `parseVerifierKey`.
 */
export function formatVerifierKey(name: string, type: SignatureType, publicKey: Uint8Array): string {
  const verifier = createNoteVerifier(name, type, publicKey);
  const key = concatBytes(new Uint8Array([type]), verifier.publicKey);
  return `${name}+${formatKeyId(verifier.keyId)}+${encodeBase64(key)}`;
}
