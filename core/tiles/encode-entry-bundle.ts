import { assertBytes } from "../internal/assert";
import { TILE_WIDTH } from "./constants";

/**
 * Encodes an entry bundle (c2sp.org/tlog-tiles, "Log entries"): the entries in log order, each
 * preceded by its length as a big-endian uint16. A bundle holds 1 to 256 entries, and each entry
 * at most 65,535 bytes, which the uint16 prefix imposes. Entries are copied byte for byte: these
 * are the bytes whose SHA-256(0x00 || entry) are the leaf hashes.
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(entries)) throw new TypeError("entries must be an array of Uint8Array");
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new RangeError(`an entry bundle holds 1 to ${TILE_WIDTH} entries, got ${entries.length}`);
  }
  let length = 0;
  entries.forEach((entry, i) => {
    assertBytes(entry, `entries[${i}]`);
    if (entry.length > 0xffff)
      throw new RangeError(`entries[${i}] is ${entry.length} bytes, more than 65535`);
    length += 2 + entry.length;
  });
  const out = new Uint8Array(length);
  let offset = 0;
  for (const entry of entries) {
    out[offset] = entry.length >>> 8;
    out[offset + 1] = entry.length & 0xff;
    out.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return out;
}
