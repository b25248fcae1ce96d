import { ed25519 } from "@noble/curves/ed25519.js";
import { noteBytesAndText } from "../internal/utf8";
import { formatSignatureLine } from "./format-signature-line";
import { type NoteSigner, SIGNATURE_TYPE_ED25519 } from "./types";

/**
 * Signs a note text with one or more Ed25519 (type 0x01) keys and returns the signed note: the
 * text, a blank line, and one signature line per signer (c2sp.org/signed-note; golang.org/x/mod
 * sumdb/note's Sign). Each signature is over the exact UTF-8 bytes of the text, final newline
 * included.
 *
 * The text must be valid note text ending in a newline (TypeError otherwise). Cosigner keys
 * (type 0x04) sign a different, timestamped message: use `signCosignature` for those.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const { bytes } = noteBytesAndText(text, "text");
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a)
    throw new TypeError("text must end with a newline");
  if (!Array.isArray(signers) || signers.length === 0)
    throw new TypeError("signers must be a non-empty array");
  let out = `${text}\n`;
  signers.forEach((signer, i) => {
    if (signer?.type !== SIGNATURE_TYPE_ED25519) {
      throw new TypeError(
        `signers[${i}] is not an Ed25519 note key (type 0x01); use signCosignature for cosigners`,
      );
    }
    const signature = ed25519.sign(bytes, signer.seed);
    out += formatSignatureLine({ name: signer.name, keyId: signer.keyId, signature });
  });
  return out;
}
