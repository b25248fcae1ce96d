export { computeKeyId } from "./compute-key-id";
export { createNoteSigner } from "./create-note-signer";
export { createNoteVerifier } from "./create-note-verifier";
export { formatKeyId } from "./format-key-id";
export { formatSignatureLine } from "./format-signature-line";
export { formatVerifierKey } from "./format-verifier-key";
export type { GeneratedKey } from "./generate-signer-key";
export { generateSignerKey } from "./generate-signer-key";
export { isValidKeyName } from "./is-valid-key-name";
export { openNote } from "./open-note";
export { parseSignatureLine } from "./parse-signature-line";
export { MAX_NOTE_SIGNATURES, parseSignedNote } from "./parse-signed-note";
export { parseSignerKey } from "./parse-signer-key";
export { parseVerifierKey } from "./parse-verifier-key";
export { signNote } from "./sign-note";
export {
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  type SignatureType,
  type SignedNote,
} from "./types";
