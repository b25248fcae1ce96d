import { assertUint64 } from "../internal/assert";
import { TILE_HEIGHT, TILE_WIDTH } from "./constants";
import type { TileId } from "./types";

/**
 * The tiles a log must publish when it grows from `oldSize` to `newSize` leaves: at each level,
 * every tile that became full (including the old partial one) and the new partial tile, unless it
 * is unchanged. Tiles are immutable once written, so everything else already exists. The level 0
 * ids are also the entry bundles to publish.
 */
export function* tilesForGrowth(oldSize: bigint, newSize: bigint): Generator<TileId> {
  assertUint64(oldSize, "oldSize");
  assertUint64(newSize, "newSize");
  if (oldSize > newSize) throw new RangeError(`oldSize must not exceed newSize, got ${oldSize} > ${newSize}`);
  const width = BigInt(TILE_WIDTH);
  for (let level = 0; ; level++) {
    const shift = BigInt(TILE_HEIGHT * level);
    const newHashes = newSize >> shift;
    if (newHashes === 0n) return;
    const oldHashes = oldSize >> shift;
    const newFull = newHashes / width;
    for (let index = oldHashes / width; index < newFull; index++) yield { level, index, width: TILE_WIDTH };
    const partial = Number(newHashes % width);
    if (partial > 0 && newHashes !== oldHashes) yield { level, index: newFull, width: partial };
  }
}
