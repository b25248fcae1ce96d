import { ed25519 } from "@noble/curves/ed25519.js";
import { assertBigint, assertObject } from "../internal/assert";
import { concatBytes, writeUint64BE } from "../internal/bytes";
import { noteBytesAndText } from "../internal/utf8";
import { type NoteSignature, type NoteSigner, SIGNATURE_TYPE_COSIGNATURE_V1 } from "../note/types";
import { MAX_COSIGNATURE_TIMESTAMP } from "./constants";
import { cosignatureMessage } from "./cosignature-message";

export interface SignCosignatureParams {
  /** A cosigner key (type 0x04), e.g. from `parseSignerKey` or `createNoteSigner`. */
  readonly signer: NoteSigner;
  /** The checkpoint note text being cosigned (body only, ending in a newline, no signatures). */
  readonly text: string | Uint8Array;
  /** POSIX seconds of the cosignature, 0 <= timestamp <= 2^63 - 1. */
  readonly timestamp: bigint;
}

/**
 * Makes an Ed25519 cosignature/v1 (c2sp.org/tlog-cosignature): the signature bytes are the
 * `timestamped_signature` structure, an 8-byte big-endian timestamp followed by the 64-byte Ed25519
 * signature of `cosignatureMessage(text, timestamp)`. Returns a note signature; append it to the
 * checkpoint with `formatSignatureLine`.
 *
 * By signing, the cosigner states that as of `timestamp` this is the largest consistent tree head
 * it has seen for the origin, so a witness must check consistency before calling this.
 */
export function signCosignature(params: SignCosignatureParams): NoteSignature {
  assertObject(params, "params");
  const { signer, text, timestamp } = params;
  if (signer?.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new TypeError("signer must be a cosignature/v1 key (type 0x04)");
  }
  assertBigint(timestamp, "timestamp");
  if (timestamp < 0n || timestamp > MAX_COSIGNATURE_TIMESTAMP) {
    throw new RangeError(`timestamp must be in [0, 2^63 - 1], got ${timestamp}`);
  }
  const { bytes } = noteBytesAndText(text, "text");
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a)
    throw new TypeError("text must end with a newline");
  const signature = ed25519.sign(cosignatureMessage(bytes, timestamp), signer.seed);
  return {
    name: signer.name,
    keyId: signer.keyId,
    signature: concatBytes(writeUint64BE(timestamp), signature),
  };
}
