import { canonicalJson } from "./canonical-json";
import { type TLedgerEntry, ZLedgerEntry } from "./entry-schemas";

/** Entries are at most 64 KiB: an entry tile line carries a 16-bit length (c2sp.org/tlog-tiles). */
export const MAX_ENTRY_BYTES = 65_535;

/**
 * The canonical bytes of an entry: UTF-8 of its RFC 8785 canonical JSON. These exact bytes are
 * stored, hashed (RFC 6962 leaf hash) and served; nothing downstream re-serialises them.
 * Throws TypeError naming the field when the entry is not a valid, known entry.
 */
export function encodeEntry(entry: TLedgerEntry): Uint8Array {
  const parsed = ZLedgerEntry.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`entry.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const bytes = new TextEncoder().encode(canonicalJson(parsed.data));
  if (bytes.length > MAX_ENTRY_BYTES)
    throw new RangeError(`entry is ${bytes.length} bytes; at most ${MAX_ENTRY_BYTES}`);
  return bytes;
}
