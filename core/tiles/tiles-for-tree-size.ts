import { assertUint64 } from "../internal/assert";
import { TILE_HEIGHT, TILE_WIDTH } from "./constants";
import type { TileId } from "./types";

/**
 * Every tile that represents the tree of `size` leaves, level by level, left to right
 * (c2sp.org/tlog-tiles, "Partial Tiles"): at level l, floor(size / 256^(l+1)) full tiles and, if
 * floor(size / 256^l) mod 256 > 0, one partial tile of that width. For size 70,000: 273 full level 0
 * tiles and a partial one of width 112, one full level 1 tile and a partial one of width 17, and a
 * partial level 2 tile of width 1. The level 0 ids double as the entry bundles.
 *
 * A generator: a large log has size / 256 tiles at level 0, so iterate rather than collect.
 */
export function* tilesForTreeSize(size: bigint): Generator<TileId> {
  assertUint64(size, "size");
  for (let level = 0; ; level++) {
    const hashes = size >> BigInt(TILE_HEIGHT * level);
    if (hashes === 0n) return;
    const full = hashes / BigInt(TILE_WIDTH);
    for (let index = 0n; index < full; index++) yield { level, index, width: TILE_WIDTH };
    const partial = Number(hashes % BigInt(TILE_WIDTH));
    if (partial > 0) yield { level, index: full, width: partial };
  }
}
