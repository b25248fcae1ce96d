import { bytesEqual } from "../internal/bytes";
import { hashLeaf } from "../merkle/hash-leaf";
import { merkleTreeHash } from "../merkle/merkle-tree-hash";
import { TILE_HEIGHT, TILE_WIDTH } from "../tiles/constants";
import { decodeEntryBundle } from "../tiles/decode-entry-bundle";
import { formatEntryBundlePath } from "../tiles/format-entry-bundle-path";
import { formatTilePath } from "../tiles/format-tile-path";
import { parseTileData } from "../tiles/parse-tile-data";
import { tilesForTreeSize } from "../tiles/tiles-for-tree-size";
import type { TileId } from "../tiles/types";
import { compareIndex } from "./compare-index";
import { forEachLimited } from "./for-each-limited";
import type { LedgerSource, VerifyFinding } from "./types";

export interface RecomputedTree {
  /** Entry bytes by index; undefined where a bundle could not be read or decoded. */
  readonly entries: (Uint8Array | undefined)[];
  /** Whether every entry was available, so the root could be computed. */
  readonly complete: boolean;
  /** RFC 6962 root of the recomputed tree, when complete. */
  readonly rootHash: Uint8Array | null;
  readonly bundles: number;
  readonly hashTiles: number;
  readonly findings: VerifyFinding[];
}

export interface RecomputeTreeParams {
  readonly source: LedgerSource;
  readonly size: bigint;
  /** Called after each resource read: done and total count of tiles and bundles. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Reads at once (default 8). */
  readonly concurrency?: number;
}

/**
 * Rebuilds the Merkle tree of `size` entries from the log's tiles (c2sp.org/tlog-tiles), trusting
 * none of the served hashes: every entry bundle is read and its entries hashed (RFC 6962 leaf
 * hash), every served hash tile is compared with the hashes recomputed from those entries, level
 * by level (a level-L hash is the root of the 256^L leaves below it), and the root of the whole
 * tree is recomputed. A tile that disagrees is reported with the first entry index it covers;
 * a level-0 disagreement names the exact entry. The caller compares the root with the checkpoint.
 */
export async function recomputeTree(params: RecomputeTreeParams): Promise<RecomputedTree> {
  const { source, size } = params;
  const findings: VerifyFinding[] = [];
  const tiles = [...tilesForTreeSize(size)];
  const bundleIds = tiles.filter((t) => t.level === 0);
  const total = tiles.length + bundleIds.length;
  let done = 0;
  const tick = () => params.onProgress?.(++done, total);

  const read = async (path: string, first: bigint): Promise<Uint8Array | null> => {
    try {
      return await source.tile(path);
    } catch (e) {
      findings.push({
        phase: "tree",
        code: "TILE_UNAVAILABLE",
        index: first.toString(),
        message: `${path} could not be read: ${(e as Error).message}`,
      });
      return null;
    } finally {
      tick();
    }
  };

  const n = Number(size);
  const entries: (Uint8Array | undefined)[] = new Array(n);
  const leafHashes: Uint8Array[] = new Array(n);
  let complete = true;
  const width = BigInt(TILE_WIDTH);

  // Entry bundles first: they are the data; everything else is derived from them.
  await forEachLimited(bundleIds, params.concurrency ?? 8, async (id) => {
    const first = id.index * width;
    const path = formatEntryBundlePath({ index: id.index, width: id.width });
    const data = await read(path, first);
    if (data === null) {
      complete = false;
      return;
    }
    let bundle: Uint8Array[];
    try {
      bundle = decodeEntryBundle(data, id.width);
    } catch (e) {
      complete = false;
      findings.push({
        phase: "tree",
        code: "BUNDLE_MALFORMED",
        index: first.toString(),
        message: `${path} is not a bundle of ${id.width} entries: ${(e as Error).message}`,
      });
      return;
    }
    bundle.forEach((entry, k) => {
      const i = Number(first) + k;
      entries[i] = entry;
      leafHashes[i] = hashLeaf(entry);
    });
  });

  // Hash tiles: level 0 holds leaf hashes; level L hash j is the root of 256^L leaves, that is
  // the root of hashes 256j..256j+255 of level L - 1. Each level is computed once from the one
  // below; a hash over a missing entry stays undefined and is not compared (reported already).
  const levels: (Uint8Array | undefined)[][] = [leafHashes];
  await forEachLimited(tiles, params.concurrency ?? 8, async (id) => {
    const data = await read(formatTilePath(id), id.index * width * (1n << BigInt(TILE_HEIGHT * id.level)));
    if (data === null) return;
    for (let level = levels.length; level <= id.level; level++)
      levels.push(parentLevel(levels[level - 1] ?? []));
    compareTile(id, data, levels[id.level] ?? [], findings);
  });

  findings.sort((a, b) => compareIndex(a.index, b.index));
  const rootHash = complete ? merkleTreeHash(leafHashes) : null;
  return {
    entries,
    complete,
    rootHash,
    bundles: bundleIds.length,
    hashTiles: tiles.length,
    findings,
  };
}

/** The full-tile roots of a level: hash j is MTH of hashes 256j..256j+255 (undefined if one is missing). */
function parentLevel(hashes: readonly (Uint8Array | undefined)[]): (Uint8Array | undefined)[] {
  const parents: (Uint8Array | undefined)[] = [];
  for (let lo = 0; lo + TILE_WIDTH <= hashes.length; lo += TILE_WIDTH) {
    const chunk = hashes.slice(lo, lo + TILE_WIDTH);
    parents.push(dense(chunk) ? merkleTreeHash(chunk as Uint8Array[]) : undefined);
  }
  return parents;
}

/** Compares a served tile with its level's recomputed hashes. */
function compareTile(
  id: TileId,
  data: Uint8Array,
  hashes: readonly (Uint8Array | undefined)[],
  findings: VerifyFinding[],
): void {
  const path = formatTilePath(id);
  const span = 256 ** id.level; // Leaves under one hash of this tile.
  const first = Number(id.index) * TILE_WIDTH; // Index of the tile's first hash in its level.
  let served: Uint8Array[];
  try {
    served = parseTileData(data, id.width);
  } catch (e) {
    findings.push({
      phase: "tree",
      code: "TILE_HASH_MISMATCH",
      index: String(first * span),
      message: `${path} is malformed: ${(e as Error).message}`,
    });
    return;
  }
  for (let j = 0; j < id.width; j++) {
    const expected = hashes[first + j];
    if (expected === undefined) continue; // Entries missing: reported already.
    if (bytesEqual(expected, served[j] as Uint8Array)) continue;
    const lo = (first + j) * span;
    findings.push(
      span === 1
        ? {
            phase: "tree",
            code: "LEAF_HASH_MISMATCH",
            index: String(lo),
            message: `entry ${lo} does not hash to the leaf hash in ${path}: the entry bytes or the tile were altered`,
          }
        : {
            phase: "tree",
            code: "TILE_HASH_MISMATCH",
            index: String(lo),
            message: `${path} hash ${j} (entries ${lo}..${lo + span - 1}) is not the root of those entries`,
          },
    );
  }
}

/** Whether no element is missing (`some` would skip the holes of a sparse array). */
function dense(items: readonly (Uint8Array | undefined)[]): boolean {
  for (let i = 0; i < items.length; i++) if (items[i] === undefined) return false;
  return true;
}
