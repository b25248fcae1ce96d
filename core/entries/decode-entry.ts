import { canonicalJson } from "./canonical-json";
import { MAX_ENTRY_BYTES } from "./encode-entry";
import { type TLedgerEntry, ZLedgerEntry } from "./entry-schemas";

// ignoreBOM: true keeps a leading U+FEFF in the text (then refused as non-JSON) instead of silently
// dropping it, which would let two different byte strings decode to one entry.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Parses entry bytes strictly: valid UTF-8, at most 64 KiB, JSON of a known type and version with
 * no unknown members, and byte-for-byte canonical (re-encoding gives the same bytes). The writer
 * refuses anything else, and observers use the same function, so a log can only hold entries
 * that mean one thing. Throws TypeError with the reason.
 */
export function decodeEntry(bytes: Uint8Array): TLedgerEntry {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("entry bytes must be a Uint8Array");
  if (bytes.length === 0) throw new TypeError("entry is empty");
  if (bytes.length > MAX_ENTRY_BYTES)
    throw new RangeError(`entry is ${bytes.length} bytes; at most ${MAX_ENTRY_BYTES}`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new TypeError("entry is not valid UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TypeError("entry is not JSON");
  }
  const parsed = ZLedgerEntry.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`entry.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  if (canonicalJson(json) !== text) throw new TypeError("entry is not in canonical form (RFC 8785)");
  return parsed.data;
}
