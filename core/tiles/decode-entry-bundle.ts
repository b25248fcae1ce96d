import { assertBytes } from "../internal/assert";
import { TILE_WIDTH } from "./constants";

/**
 * Decodes an entry bundle into its entries (c2sp.org/tlog-tiles, "Log entries": big-endian uint16
 * length-prefixed entries). Strict, since bundles come from the network: a truncated length or
 * entry, more than 256 entries, or (when `width` is given, from the bundle's path) a different
 * entry count throws TypeError. The returned entries are copies.
 *
 * Decoding does not authenticate: hash the entries with `hashLeaf` and check them against a level
 * 0 tile or a root from a verified checkpoint.
 */
export function decodeEntryBundle(bundle: Uint8Array, width?: number): Uint8Array[] {
  assertBytes(bundle, "bundle");
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)) {
    throw new RangeError(`width must be an integer in [1, ${TILE_WIDTH}], got ${width}`);
  }
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (entries.length === TILE_WIDTH)
      throw new TypeError(`entry bundle holds more than ${TILE_WIDTH} entries`);
    if (offset + 2 > bundle.length)
      throw new TypeError(`entry bundle is truncated in a length prefix at byte ${offset}`);
    const length = ((bundle[offset] as number) << 8) | (bundle[offset + 1] as number);
    const start = offset + 2;
    if (start + length > bundle.length) {
      throw new TypeError(`entry bundle is truncated in entry ${entries.length} (needs ${length} bytes)`);
    }
    entries.push(bundle.slice(start, start + length));
    offset = start + length;
  }
  if (entries.length === 0) throw new TypeError("entry bundle is empty");
  if (width !== undefined && entries.length !== width) {
    throw new TypeError(`entry bundle holds ${entries.length} entries, expected ${width}`);
  }
  return entries;
}
