import { assertObject, assertUint64 } from "../internal/assert";
import { MAX_TILE_LEVEL, TILE_WIDTH } from "./constants";
import { formatTileIndex } from "./tile-index-path";
import type { TileId } from "./types";

/**
 * Path of a Merkle tree tile relative to the log prefix (c2sp.org/tlog-tiles, "Merkle Tree"):
 * "tile/<L>/<N>" for a full tile, "tile/<L>/<N>.p/<W>" for a partial one.
 */
export function formatTilePath(tile: TileId): string {
  assertObject(tile, "tile");
  const { level, index, width } = tile;
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) {
    throw new RangeError(`tile.level must be an integer in [0, ${MAX_TILE_LEVEL}], got ${level}`);
  }
  return `tile/${level}/${formatTileIndex(checkIndex(index))}${widthSuffix(width)}`;
}

export function checkIndex(index: unknown): bigint {
  assertUint64(index, "tile.index");
  return index;
}

export function widthSuffix(width: unknown): string {
  if (typeof width !== "number" || !Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new RangeError(`tile.width must be an integer in [1, ${TILE_WIDTH}], got ${String(width)}`);
  }
  return width === TILE_WIDTH ? "" : `.p/${width}`;
}
