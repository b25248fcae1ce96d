import { createNoteVerifier } from "../note/create-note-verifier";
import { type NoteVerifier, SIGNATURE_TYPE_COSIGNATURE_V1 } from "../note/types";

/**
 * A verifier for a witness's Ed25519 cosignature/v1 key, from its name and 32-byte public key.
 * The key ID is SHA-256(name || "\n" || 0x04 || public key)[:4] (c2sp.org/tlog-cosignature,
 * "Format"). Use it with `openNote` on a cosigned checkpoint; a verifier key string with type 0x04
 * (`parseVerifierKey`) gives the same verifier.
 */
export function createCosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return createNoteVerifier(name, SIGNATURE_TYPE_COSIGNATURE_V1, publicKey);
}
