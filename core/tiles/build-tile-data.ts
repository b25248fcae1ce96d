import { assertFunction, assertObject } from "../internal/assert";
import { concatBytes } from "../internal/bytes";
import type { HashReader } from "../merkle/types";
import { TILE_HEIGHT, TILE_WIDTH } from "./constants";
import { formatTilePath } from "./format-tile-path";
import type { TileId } from "./types";

export interface BuildTileDataParams {
  readonly tile: TileId;
  /** Source of perfect subtree hashes, e.g. the log's stored nodes. */
  readonly readHashes: HashReader;
}

/**
 * The bytes of a tile: its `width` hashes concatenated, where hash i of tile (L, N) is the perfect
 * subtree node at tree level 8L and index 256N + i (c2sp.org/tlog-tiles: MTH(D[(N * 256 + i) *
 * 256^L : (N * 256 + i + 1) * 256^L])). A log builds the tiles it publishes from its stored nodes
 * this way.
 */
export async function buildTileData(params: BuildTileDataParams): Promise<Uint8Array> {
  assertObject(params, "params");
  const { tile, readHashes } = params;
  formatTilePath(tile); // Validates level, index and width.
  assertFunction(readHashes, "readHashes");
  const level = tile.level * TILE_HEIGHT;
  const first = tile.index * BigInt(TILE_WIDTH);
  const nodes = Array.from({ length: tile.width }, (_, i) => ({ level, index: first + BigInt(i) }));
  const hashes = await readHashes(nodes);
  if (!Array.isArray(hashes) || hashes.length !== nodes.length) {
    throw new TypeError(`readHashes must return ${nodes.length} hashes`);
  }
  hashes.forEach((hash, i) => {
    if (!(hash instanceof Uint8Array) || hash.length !== 32) {
      throw new TypeError(`readHashes returned a malformed hash at position ${i}`);
    }
  });
  return concatBytes(...hashes);
}
