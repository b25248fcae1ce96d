import { assertObject } from "../internal/assert";
import { checkIndex, widthSuffix } from "./format-tile-path";
import { formatTileIndex } from "./tile-index-path";

/**
 * Path of an entry bundle relative to the log prefix (c2sp.org/tlog-tiles, "Log entries"):
 * "tile/entries/<N>" for a full bundle of 256 entries, "tile/entries/<N>.p/<W>" for a partial one.
 */
export function formatEntryBundlePath(bundle: { readonly index: bigint; readonly width: number }): string {
  assertObject(bundle, "bundle");
  return `tile/entries/${formatTileIndex(checkIndex(bundle.index))}${widthSuffix(bundle.width)}`;
}
