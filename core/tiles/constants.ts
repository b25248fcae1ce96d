/** Tree levels per tile level: each tile is a subtree of height 8 (c2sp.org/tlog-tiles). */
export const TILE_HEIGHT = 8;
/** Hashes (and entries) in a full tile, 2^TILE_HEIGHT. */
export const TILE_WIDTH = 256;
/** Largest tile level the path syntax allows (c2sp.org/tlog-tiles, "Merkle Tree"). */
export const MAX_TILE_LEVEL = 63;
