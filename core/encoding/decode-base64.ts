// Strict standard base64 decoding (RFC 4648, Section 4). Unlike atob or Buffer.from, this rejects
// whitespace, missing or extra padding, the URL-safe alphabet, and non-canonical encodings whose
// unused padding bits are not zero (RFC 4648, Section 3.5). Each byte string then has exactly one
// accepted encoding, so a signed note or checkpoint cannot be re-encoded into a different-looking
// but "equivalent" text that one parser accepts and another rejects.

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 71; // a-z
  if (c >= 48 && c <= 57) return c + 4; // 0-9
  if (c === 43) return 62; // +
  return 63; // "/", the only other character CANONICAL admits
}

/**
 * Decodes standard padded base64. Throws a TypeError naming `name` if `text` is not the canonical
 * encoding of some byte string.
 */
export function decodeBase64(text: string, name = "base64 input"): Uint8Array {
  if (typeof text !== "string") throw new TypeError(`${name} must be a base64 string`);
  if (!CANONICAL.test(text)) throw new TypeError(`${name} is not valid standard padded base64`);
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = sextet(text.charCodeAt(i));
    const b = sextet(text.charCodeAt(i + 1));
    const cChar = text.charCodeAt(i + 2);
    const dChar = text.charCodeAt(i + 3);
    const c = cChar === 61 ? 0 : sextet(cChar);
    const d = dChar === 61 ? 0 : sextet(dChar);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >> 16) & 0xff;
    if (cChar !== 61) out[o++] = (n >> 8) & 0xff;
    else if ((n & 0xffff) !== 0)
      throw new TypeError(`${name} has non-zero padding bits (non-canonical base64)`);
    if (dChar !== 61) out[o++] = n & 0xff;
    else if (cChar !== 61 && (n & 0xff) !== 0) {
      throw new TypeError(`${name} has non-zero padding bits (non-canonical base64)`);
    }
  }
  return out;
}
