/**
 * Invitation codes: one-time secrets printed on paper letters and typed by residents at /join.
 *
 * 16 symbols from a 32-symbol alphabet without the look-alikes 0/O and 1/I: 80 random bits, in
 * four groups of four ("K7QM-3TXR-9HPW-ZC4D"). With 100,000 codes outstanding in a city, an
 * attacker who could try a billion codes would hit one with probability about 1e5·1e9 / 2^80 ≈ 1e-10,
 * so guessing is hopeless even without the rate limits a server adds; and a leaked table of their
 * (keyed) hashes cannot be searched either.
 */
export const INVITATION_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const INVITATION_CODE_SYMBOLS = 16;

/** Random bytes a code needs: 16 symbols × 5 bits = 80 bits = 10 bytes. */
export const INVITATION_CODE_ENTROPY_BYTES = 10;

/**
 * A new code in its canonical printed form. `random` (10 bytes) is for tests; by default the
 * platform's CSPRNG (crypto.getRandomValues, in browsers and Node alike) supplies it. Each symbol
 * takes exactly 5 bits, so every symbol is uniform (no modulo bias).
 */
export function generateInvitationCode(random?: Uint8Array): string {
  const bytes = random ?? globalThis.crypto.getRandomValues(new Uint8Array(INVITATION_CODE_ENTROPY_BYTES));
  if (!(bytes instanceof Uint8Array) || bytes.length !== INVITATION_CODE_ENTROPY_BYTES)
    throw new TypeError(`random must be a Uint8Array of ${INVITATION_CODE_ENTROPY_BYTES} bytes`);
  let symbols = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    // `buffer` holds `bits` unused bits (fewer than 13); take 5 at a time from the top.
    buffer = buffer * 256 + byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      symbols += INVITATION_CODE_ALPHABET[Math.floor(buffer / 2 ** bits)];
      buffer %= 2 ** bits;
    }
  }
  return formatGroups(symbols);
}

/** "ABCDEFGHJKLMNPQR" → "ABCD-EFGH-JKLM-NPQR". */
export function formatGroups(symbols: string): string {
  return (symbols.match(/.{1,4}/g) ?? []).join("-");
}
