import { formatGroups, INVITATION_CODE_ALPHABET, INVITATION_CODE_SYMBOLS } from "./generate-invitation-code";

const SEPARATORS = /[\s\-‐‑‒–—_.]/g;

/**
 * The canonical form of a code as a person typed it, or null if it cannot be one: case and
 * separators (spaces, dashes, dots) are forgiven, anything else is not. The canonical form
 * ("K7QM-3TXR-9HPW-ZC4D") is what is printed, and exactly what the server hashes.
 */
export function normalizeInvitationCode(input: string): string | null {
  if (typeof input !== "string") throw new TypeError(`code must be a string, got ${typeof input}`);
  if (input.length > 64) return null;
  const symbols = input.replace(SEPARATORS, "").toUpperCase();
  if (symbols.length !== INVITATION_CODE_SYMBOLS) return null;
  for (const c of symbols) if (!INVITATION_CODE_ALPHABET.includes(c)) return null;
  return formatGroups(symbols);
}
