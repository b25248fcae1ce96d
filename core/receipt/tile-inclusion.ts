import {
  generateInclusionProof,
  type HashReader,
  hashLeaf,
  merkleTreeHash,
  verifyInclusion,
} from "../merkle";
import {
  createTileHashReader,
  decodeEntryBundle,
  formatEntryBundlePath,
  formatTilePath,
  TILE_WIDTH,
} from "../tiles";

/** A tree a verified checkpoint signed: its size and root hash. */
export interface SignedTree {
  readonly size: bigint;
  readonly rootHash: Uint8Array;
}

/** Reads a c2sp.org/tlog-tiles resource (hash tile or entry bundle) by its path. */
export type TileFetcher = (path: string) => Promise<Uint8Array>;

/** The served entries of a bundle do not hash into the signed tree. */
export class NotInSignedTree extends Error {}

export interface IncludedEntries {
  /** Every entry of bundle `bundle` (256 entries, fewer at the tree's right edge), authenticated. */
  bundle(bundle: bigint): Promise<Uint8Array[]>;
  /** The entry at `index`, authenticated. */
  entry(index: bigint): Promise<Uint8Array>;
}

/**
 * Reads entries from a tiled log and proves, in the browser, that they are what a signed tree
 * committed to, with no proof from the server: only public tiles.
 *
 * For a bundle holding leaves [first, first + w), the RFC 6962 inclusion proof of leaf `first` is
 * built here: its siblings inside the bundle are hashed from the bundle's own entries, the others
 * are read from the hash tiles (createTileHashReader). If that proof leads to the signed root, the
 * subtree hash over the whole bundle is the one the tree committed to, and so (SHA-256 being
 * collision resistant, leaves and nodes domain-separated) is every entry in it: one proof
 * authenticates up to 256 entries, and a server serving any other bytes is caught.
 *
 * Reading by bundle and tile, never by index, tells the server only which block of the ledger the
 * browser looked at. Tiles are cached for the reader's lifetime (they never change for one size).
 */
export function includedEntries(readTile: TileFetcher, tree: SignedTree): IncludedEntries {
  const cache = new Map<string, Promise<Uint8Array>>();
  const cached = (path: string) => {
    let value = cache.get(path);
    if (!value) {
      value = readTile(path);
      cache.set(path, value);
    }
    return value;
  };
  const tiles = createTileHashReader({
    size: tree.size,
    readTiles: (ids) => Promise.all(ids.map((id) => cached(formatTilePath(id)))),
  });
  const width = BigInt(TILE_WIDTH);

  async function bundle(index: bigint): Promise<Uint8Array[]> {
    const first = index * width;
    if (index < 0n || first >= tree.size)
      throw new RangeError(`bundle ${index} is beyond the tree of ${tree.size} entries`);
    const count = tree.size - first < width ? Number(tree.size - first) : TILE_WIDTH;
    const entries = decodeEntryBundle(await cached(formatEntryBundlePath({ index, width: count })), count);
    const leaves = entries.map(hashLeaf);
    const end = first + BigInt(count);
    // Nodes inside the bundle come from its entries, all others from the hash tiles.
    const readHashes: HashReader = async (nodes) => {
      const outside = nodes.filter((n) => !inside(n.level, n.index));
      const fromTiles = outside.length === 0 ? [] : await tiles(outside);
      let k = 0;
      return nodes.map((n) => {
        if (!inside(n.level, n.index)) return fromTiles[k++] as Uint8Array;
        const lo = Number((n.index << BigInt(n.level)) - first);
        return merkleTreeHash(leaves.slice(lo, lo + 2 ** n.level));
      });
    };
    function inside(level: number, node: bigint): boolean {
      const start = node << BigInt(level);
      return start >= first && (node + 1n) << BigInt(level) <= end;
    }
    const proof = await generateInclusionProof({ index: first, size: tree.size, readHashes });
    const ok = verifyInclusion({
      index: first,
      size: tree.size,
      leafHash: leaves[0] as Uint8Array,
      proof,
      root: tree.rootHash,
    });
    if (!ok) throw new NotInSignedTree(`the entries of bundle ${index} are not in the signed tree`);
    return entries;
  }

  return {
    bundle,
    async entry(index) {
      if (index < 0n || index >= tree.size)
        throw new NotInSignedTree(`entry ${index} is beyond the signed tree of ${tree.size} entries`);
      const entries = await bundle(index / width);
      return entries[Number(index % width)] as Uint8Array;
    },
  };
}
