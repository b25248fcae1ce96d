/** Signature type byte of plain Ed25519 note signatures (c2sp.org/signed-note, "Signature types"). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Signature type byte of timestamped Ed25519 cosignatures, cosignature/v1 (c2sp.org/tlog-cosignature). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

/** The Ed25519-based signature types Plaza implements. */
export type SignatureType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE_V1;

/**
 * One signature line of a signed note: "— <name> base64(keyId || signature)". `signature` is the
 * part after the 4-byte key ID, as produced by the key's algorithm.
 */
export interface NoteSignature {
  readonly name: string;
  /** uint32 key ID, big-endian on the wire. */
  readonly keyId: number;
  readonly signature: Uint8Array;
}

/**
 * A public key that can check note signatures. `verify` receives the exact note text bytes
 * (including the final newline) and the signature bytes after the key ID, and returns a boolean.
 */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: SignatureType;
  /** 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** A private key parsed from a signer key string. Keep it secret: `seed` is the Ed25519 private key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: SignatureType;
  /** 32-byte Ed25519 seed (RFC 8032 private key). */
  readonly seed: Uint8Array;
  /** 32-byte Ed25519 public key derived from `seed`. */
  readonly publicKey: Uint8Array;
}

/** A syntactically valid signed note, not yet verified. */
export interface SignedNote {
  /** The note text, ending in a newline; the signed message is its exact UTF-8 bytes. */
  readonly text: string;
  /** The exact bytes of `text` as they appeared in the note. */
  readonly textBytes: Uint8Array;
  readonly signatures: readonly NoteSignature[];
}

/** A note whose signatures were checked by `openNote`. */
export interface OpenedNote {
  readonly text: string;
  readonly textBytes: Uint8Array;
  /** Signatures by known keys, each verified (at least one; duplicates of a key collapsed). */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys not among the verifiers, ignored as the spec requires. */
  readonly unverified: readonly NoteSignature[];
}
