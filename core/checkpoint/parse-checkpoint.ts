import { decodeBase64 } from "../encoding/decode-base64";
import { parseUint64Decimal } from "../internal/decimal";
import { noteBytesAndText } from "../internal/utf8";
import type { Checkpoint } from "./types";

/**
 * Parses a checkpoint body, i.e. the note text of a checkpoint without its signatures
 * (c2sp.org/tlog-checkpoint, "Note text"): at least three non-empty newline-terminated lines,
 *
 *     <origin>
 *     <tree size, ASCII decimal, no leading zeroes>
 *     <base64 of the 32-byte RFC 6962 root hash>
 *     [<extension line>...]
 *
 * Strict: every line must end in a newline and be non-empty, the size must be canonical and fit a
 * uint64, the root must be canonical base64 of exactly 32 bytes, and the text must be valid note
 * text (UTF-8, no control characters but newline). Each checkpoint thus has a single encoding, and
 * two parsers cannot disagree on what was signed. Throws TypeError (RangeError for a size >= 2^64).
 *
 * This does not check signatures: use `openCheckpoint` on a signed checkpoint.
 */
export function parseCheckpoint(text: string | Uint8Array): Checkpoint {
  const { text: body } = noteBytesAndText(text, "checkpoint");
  if (!body.endsWith("\n")) throw new TypeError("checkpoint must end with a newline");
  const lines = body.slice(0, -1).split("\n");
  if (lines.length < 3) throw new TypeError(`checkpoint must have at least 3 lines, got ${lines.length}`);
  lines.forEach((line, i) => {
    if (line === "") throw new TypeError(`checkpoint line ${i + 1} is empty`);
  });
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  const size = parseUint64Decimal(sizeLine, "checkpoint tree size");
  const rootHash = decodeBase64(rootLine, "checkpoint root hash");
  if (rootHash.length !== 32)
    throw new TypeError(`checkpoint root hash must be 32 bytes, got ${rootHash.length}`);
  return { origin, size, rootHash, extensions };
}
