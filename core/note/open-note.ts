import { bytesEqual } from "../internal/bytes";
import { parseSignedNote } from "./parse-signed-note";
import type { NoteSignature, NoteVerifier, OpenedNote } from "./types";

/**
 * Parses a signed note and verifies its signatures against known keys (c2sp.org/signed-note,
 * "Signatures"):
 *
 * - A signature line is matched to a verifier by the pair (key name, key ID). Lines from unknown
 *   keys are ignored, even if they share the name or the ID (but not both) with a known key, as
 *   the spec requires; they are returned in `unverified`.
 * - Every line from a known key is verified. If any fails, the whole note is rejected: a known key
 *   attached to a bad signature means tampering or a broken signer.
 * - At least one known key must have signed, or the note is rejected.
 *
 * Returns the opened note, or null when it is well-formed but not acceptably signed. A malformed
 * note, or a verifier list with two keys of the same name and ID, throws TypeError.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote | null {
  if (!Array.isArray(verifiers)) throw new TypeError("verifiers must be an array of NoteVerifier");
  const byKey = new Map<string, NoteVerifier>();
  verifiers.forEach((verifier, i) => {
    if (typeof verifier?.verify !== "function" || typeof verifier.name !== "string") {
      throw new TypeError(`verifiers[${i}] is not a NoteVerifier`);
    }
    const key = `${verifier.name}+${verifier.keyId}`;
    // Two keys with one (name, ID) would make the choice of key ambiguous (Go: "ambiguous key").
    if (byKey.has(key))
      throw new TypeError(`verifiers[${i}] duplicates the key ${verifier.name} (${verifier.keyId})`);
    byKey.set(key, verifier);
  });

  const parsed = parseSignedNote(note);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenVerified = new Set<string>();
  for (const signature of parsed.signatures) {
    const key = `${signature.name}+${signature.keyId}`;
    const verifier = byKey.get(key);
    if (verifier === undefined) {
      // Drop exact repeats of an unknown line, as Go does.
      if (!unverified.some((u) => sameSignature(u, signature))) unverified.push(signature);
      continue;
    }
    if (!verifier.verify(parsed.textBytes, signature.signature)) return null;
    if (!seenVerified.has(key)) {
      seenVerified.add(key);
      verified.push(signature);
    }
  }
  if (verified.length === 0) return null;
  return { text: parsed.text, textBytes: parsed.textBytes, verified, unverified };
}

function sameSignature(a: NoteSignature, b: NoteSignature): boolean {
  return a.name === b.name && a.keyId === b.keyId && bytesEqual(a.signature, b.signature);
}
