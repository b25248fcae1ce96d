import { randomBytes } from "@noble/hashes/utils.js";
import { encodeBase64 } from "../encoding/encode-base64";
import { concatBytes } from "../internal/bytes";
import { createNoteSigner } from "./create-note-signer";
import { formatKeyId } from "./format-key-id";
import { formatVerifierKey } from "./format-verifier-key";
import { SIGNATURE_TYPE_ED25519, type SignatureType } from "./types";

export interface GeneratedKey {
  /** "PRIVATE+KEY+<name>+<id>+<base64(type || seed)>": secret, for the signing service only. */
  readonly signerKey: string;
  /** "<name>+<id>+<base64(type || public key)>": public, for everyone who verifies. */
  readonly verifierKey: string;
}

/**
 * Generates an Ed25519 note key pair for `name` (golang.org/x/mod/sumdb/note's GenerateKey), with
 * a fresh seed from crypto.getRandomValues unless `seed` is given (for deterministic tests).
 * `type` 0x04 makes a cosignature/v1 witness key instead of a note-signing key.
 */
export function generateSignerKey(
  name: string,
  options: { readonly type?: SignatureType; readonly seed?: Uint8Array } = {},
): GeneratedKey {
  const type = options.type ?? SIGNATURE_TYPE_ED25519;
  const signer = createNoteSigner(name, type, options.seed ?? randomBytes(32));
  const secret = encodeBase64(concatBytes(new Uint8Array([type]), signer.seed));
  return {
    signerKey: `PRIVATE+KEY+${name}+${formatKeyId(signer.keyId)}+${secret}`,
    verifierKey: formatVerifierKey(name, type, signer.publicKey),
  };
}
