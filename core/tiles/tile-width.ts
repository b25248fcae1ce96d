import { assertUint64 } from "../internal/assert";
import { TILE_HEIGHT, TILE_WIDTH } from "./constants";

/**
 * Width of tile (level, index) in the tree of `size` leaves: 256 if full, the partial width
 * floor(size / 256^level) mod 256 if it is the partial tile at the right edge, 0 if it does not
 * exist (c2sp.org/tlog-tiles, "Partial Tiles"). The same holds for entry bundles at level 0.
 */
export function tileWidth(level: number, index: bigint, size: bigint): number {
  if (!Number.isInteger(level) || level < 0 || level > 63)
    throw new RangeError(`level must be in [0, 63], got ${level}`);
  assertUint64(index, "index");
  assertUint64(size, "size");
  const hashes = size >> BigInt(TILE_HEIGHT * level); // Hashes that exist at this tile level.
  const start = index * BigInt(TILE_WIDTH);
  if (hashes >= start + BigInt(TILE_WIDTH)) return TILE_WIDTH;
  if (hashes <= start) return 0;
  return Number(hashes - start);
}
