import { describeValue } from "./assert";

// UTF-8 handling for signed notes and the formats built on them. c2sp.org/signed-note requires
// valid UTF-8 with no ASCII control characters other than newline. `fatal: true` makes invalid
// sequences throw instead of becoming U+FFFD, and `ignoreBOM: true` keeps a leading U+FEFF in the
// text: otherwise the decoder would drop it and the string would no longer match the signed bytes.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes bytes that must be valid UTF-8; throws a TypeError naming `name` otherwise. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new TypeError(`${name} is not valid UTF-8`);
  }
}

/** True when the string has an unpaired UTF-16 surrogate, which has no UTF-8 encoding. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Accepts a note-like input as bytes or string and returns both forms. Bytes are kept exactly as
 * given (they are what was signed); a string is encoded once. Either way the text must be valid
 * UTF-8 without ASCII control characters other than newline (c2sp.org/signed-note, Format).
 */
export function noteBytesAndText(input: unknown, name: string): { bytes: Uint8Array; text: string } {
  let bytes: Uint8Array;
  let text: string;
  if (typeof input === "string") {
    if (hasLoneSurrogate(input)) throw new TypeError(`${name} is not valid UTF-8 (lone surrogate)`);
    text = input;
    bytes = encodeUtf8(input);
  } else if (input instanceof Uint8Array) {
    bytes = input;
    text = decodeUtf8(input, name);
  } else {
    throw new TypeError(`${name} must be a string or Uint8Array, got ${describeValue(input)}`);
  }
  assertNoControlCharacters(text, name);
  return { bytes, text };
}

/** Rejects ASCII control characters (below U+0020) other than newline, as Go's note.Open does. */
export function assertNoControlCharacters(text: string, name: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) {
      throw new TypeError(`${name} contains control character U+${c.toString(16).padStart(4, "0")} at ${i}`);
    }
  }
}
