import { lastIndexOfPair } from "../internal/bytes";
import { decodeUtf8, noteBytesAndText } from "../internal/utf8";
import { parseSignatureLine } from "./parse-signature-line";
import type { NoteSignature, SignedNote } from "./types";

/**
 * Upper bound on signature lines. c2sp.org/signed-note requires accepting at least 16 and
 * recommends a limit so a hostile note cannot make a verifier parse forever; Go's note.Open uses
 * 100.
 */
export const MAX_NOTE_SIGNATURES = 100;

/**
 * Parses a signed note (c2sp.org/signed-note, "Format") without checking signatures: a text ending
 * in a newline, a blank line, then one or more signature lines each ending in a newline. The text
 * is separated from the signatures by the last blank line, so the text itself may contain blank
 * lines. The whole note must be valid UTF-8 with no control characters other than newline.
 *
 * Bytes are used exactly as given: `textBytes` is the signed message, never a re-encoding. Throws
 * TypeError for any violation. Most callers want `openNote`, which also verifies.
 */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const { bytes } = noteBytesAndText(note, "note");
  const split = lastIndexOfPair(bytes, 0x0a, 0x0a);
  if (split < 0) throw new TypeError("note must have a blank line between the text and the signatures");
  const textBytes = bytes.subarray(0, split + 1);
  const sigBytes = bytes.subarray(split + 2);
  if (sigBytes.length === 0) throw new TypeError("note must have at least one signature line");
  if (sigBytes[sigBytes.length - 1] !== 0x0a) throw new TypeError("note must end with a newline");
  const lines = decodeUtf8(sigBytes, "note signatures").slice(0, -1).split("\n");
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new TypeError(`note has ${lines.length} signatures, more than ${MAX_NOTE_SIGNATURES}`);
  }
  const signatures: NoteSignature[] = lines.map((line, i) => {
    try {
      return parseSignatureLine(line);
    } catch (error) {
      throw new TypeError(`note signature line ${i + 1}: ${(error as Error).message}`);
    }
  });
  return { text: decodeUtf8(textBytes, "note text"), textBytes, signatures };
}
