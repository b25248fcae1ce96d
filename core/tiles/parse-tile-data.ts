import { assertBytes } from "../internal/assert";
import { TILE_WIDTH } from "./constants";

/**
 * Splits tile data into its hashes. A tile of width W is exactly W * 32 bytes (c2sp.org/tlog-tiles:
 * "Full tiles MUST be exactly 256 hashes wide, or 8,192 bytes"); anything else throws TypeError.
 */
export function parseTileData(data: Uint8Array, width: number): Uint8Array[] {
  assertBytes(data, "data");
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new RangeError(`width must be an integer in [1, ${TILE_WIDTH}], got ${width}`);
  }
  if (data.length !== width * 32) {
    throw new TypeError(`tile of width ${width} must be ${width * 32} bytes, got ${data.length}`);
  }
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < width; i++) hashes.push(data.slice(i * 32, (i + 1) * 32));
  return hashes;
}
