import { assertFunction, assertObject, assertUint64 } from "../internal/assert";
import { nodeHash } from "../merkle/hash-children";
import type { HashReader, NodeId } from "../merkle/types";
import { TILE_HEIGHT, TILE_WIDTH } from "./constants";
import { formatTilePath } from "./format-tile-path";
import { parseTileData } from "./parse-tile-data";
import { tileWidth } from "./tile-width";
import type { TileId, TileReader } from "./types";

export interface CreateTileHashReaderParams {
  /** Size of the tree the tiles are read for (from a verified checkpoint, for a client). */
  readonly size: bigint;
  readonly readTiles: TileReader;
}

/**
 * A `HashReader` backed by tiles (c2sp.org/tlog-tiles), so proofs and roots can be computed from
 * what a tiled log serves (sumdb/tlog's TileHashReader does the same). A perfect subtree node at
 * tree level `level` lies in tile level floor(level / 8): it is the root of 2^(level mod 8)
 * consecutive hashes of one tile, which are hashed together here. For the tree of `size` leaves,
 * each tile is requested as full if it is full at that size, otherwise as the partial tile of the
 * width the size implies; all tiles one call needs are requested together.
 *
 * Tile data is only checked for length. Whatever is computed from it is authenticated by comparing
 * with a verified checkpoint: `computeRootHash` against the checkpoint root, or proof verification.
 */
export function createTileHashReader(params: CreateTileHashReaderParams): HashReader {
  assertObject(params, "params");
  const { size, readTiles } = params;
  assertUint64(size, "size");
  assertFunction(readTiles, "readTiles");
  return async (nodes: readonly NodeId[]) => {
    const tiles = new Map<string, TileId>();
    const plan = nodes.map(({ level, index }) => {
      if (!Number.isInteger(level) || level < 0 || level > 63 || typeof index !== "bigint" || index < 0n) {
        throw new RangeError(`invalid node (${level}, ${index})`);
      }
      if ((index + 1n) << BigInt(level) > size) {
        throw new RangeError(`node (${level}, ${index}) is not complete in a tree of ${size} leaves`);
      }
      const tileLevel = Math.floor(level / TILE_HEIGHT);
      const height = level - tileLevel * TILE_HEIGHT; // Levels of the node above its tile's hashes.
      const first = index << BigInt(height); // First covered hash at this tile level.
      const tileIndex = first / BigInt(TILE_WIDTH);
      const tile: TileId = {
        level: tileLevel,
        index: tileIndex,
        width: tileWidth(tileLevel, tileIndex, size),
      };
      const path = formatTilePath(tile);
      tiles.set(path, tile);
      return { path, offset: Number(first % BigInt(TILE_WIDTH)), count: 1 << height };
    });
    const requested = [...tiles.values()];
    const data = await readTiles(requested);
    if (!Array.isArray(data) || data.length !== requested.length) {
      throw new TypeError(`readTiles must return ${requested.length} tiles`);
    }
    const hashesByPath = new Map<string, Uint8Array[]>();
    requested.forEach((tile, i) => {
      const path = formatTilePath(tile);
      try {
        hashesByPath.set(path, parseTileData(data[i] as Uint8Array, tile.width));
      } catch (error) {
        throw new TypeError(`${path}: ${(error as Error).message}`);
      }
    });
    return plan.map(({ path, offset, count }) => {
      let layer = (hashesByPath.get(path) as Uint8Array[]).slice(offset, offset + count);
      while (layer.length > 1) {
        const next: Uint8Array[] = [];
        for (let i = 0; i < layer.length; i += 2)
          next.push(nodeHash(layer[i] as Uint8Array, layer[i + 1] as Uint8Array));
        layer = next;
      }
      return layer[0] as Uint8Array;
    });
  };
}
