/**
 * A tile of a c2sp.org/tlog-tiles log: the `width` consecutive hashes starting at hash
 * `index * 256` of tile level `level`. Level 0 hashes are leaf hashes; a level L >= 1 hash is the
 * root of a full tile at level L - 1, i.e. the perfect subtree node at tree level 8L. A full tile
 * has width 256; a partial tile (the right edge of the tree) has width 1..255.
 *
 * The entry bundle with the same index and width holds the entries behind the level 0 tile.
 */
export interface TileId {
  /** Tile level, 0..63 (tree level 8 * level). */
  readonly level: number;
  /** Tile index within its level. */
  readonly index: bigint;
  /** Number of hashes (or entries), 1..256; 256 means a full tile. */
  readonly width: number;
}

/** A parsed tile or entry bundle path. */
export type TilePath =
  | ({ readonly kind: "hashes" } & TileId)
  | { readonly kind: "entries"; readonly index: bigint; readonly width: number };

/**
 * Reads tiles, in the order requested, as served at <prefix>/tile/<L>/<N>[.p/<W>]: `width * 32`
 * bytes each. A client backs it with HTTP fetches, a server with its storage.
 */
export type TileReader = (tiles: readonly TileId[]) => Promise<readonly Uint8Array[]>;
