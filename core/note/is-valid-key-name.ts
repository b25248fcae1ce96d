// Go's unicode.IsSpace, which golang.org/x/mod/sumdb/note uses: ASCII whitespace, NEL, NBSP and the
// Unicode White_Space characters. Written out because JavaScript's \s also matches U+FEFF.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * Whether `name` may name a note key (c2sp.org/signed-note, "Format"): non-empty, and no Unicode
 * spaces (the signature line is split on the space after the name) or "+" (key strings are split on
 * "+"). Lone surrogates are rejected too, since the name must be valid UTF-8.
 */
export function isValidKeyName(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0) return false;
  if (UNICODE_SPACE.test(name) || name.includes("+")) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20) return false; // Control characters are not allowed anywhere in a note.
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = name.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
