import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeRootHash,
  createMemoryHashReader,
  generateConsistencyProof,
  generateInclusionProof,
  hashLeaf,
  verifyInclusion,
} from "@/core/merkle";
import {
  buildTileData,
  createTileHashReader,
  decodeEntryBundle,
  encodeEntryBundle,
  formatTilePath,
  parseTileData,
  type TileId,
  type TileReader,
  tilesForTreeSize,
} from "@/core/tiles";
import { makeLeaves, mth } from "../merkle/reference-merkle";

/** Publishes every tile of a tree the way a log would, from its stored (here: in-memory) nodes. */
async function publishTiles(leaves: readonly Uint8Array[]): Promise<Map<string, Uint8Array>> {
  const readHashes = createMemoryHashReader(leaves);
  const tiles = new Map<string, Uint8Array>();
  for (const tile of tilesForTreeSize(BigInt(leaves.length))) {
    tiles.set(formatTilePath(tile), await buildTileData({ tile, readHashes }));
  }
  return tiles;
}

function serve(tiles: Map<string, Uint8Array>, requests: TileId[][] = []): TileReader {
  return async (wanted) => {
    requests.push([...wanted]);
    return wanted.map((tile) => {
      const data = tiles.get(formatTilePath(tile));
      if (data === undefined) throw new Error(`404 ${formatTilePath(tile)}`);
      return data;
    });
  };
}

describe("createTileHashReader", () => {
  it("computes the same roots and proofs from tiles as from the leaves", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2000 }), fc.nat(), fc.nat(), async (size, salt, pick) => {
        const leaves = makeLeaves(size, salt);
        const memory = createMemoryHashReader(leaves);
        const tiles = createTileHashReader({
          size: BigInt(size),
          readTiles: serve(await publishTiles(leaves)),
        });
        const n = BigInt(size);
        const index = BigInt(pick % size);
        expect(await computeRootHash({ size: n, readHashes: tiles })).toEqual(mth(leaves));
        expect(await generateInclusionProof({ index, size: n, readHashes: tiles })).toEqual(
          await generateInclusionProof({ index, size: n, readHashes: memory }),
        );
        const size1 = 1n + index;
        expect(await generateConsistencyProof({ size1, size2: n, readHashes: tiles })).toEqual(
          await generateConsistencyProof({ size1, size2: n, readHashes: memory }),
        );
      }),
      { numRuns: 25 },
    );
  });

  it("lets an observer rebuild and check a 70,000-leaf log from entry bundles and tiles", async () => {
    const size = 70000;
    const entries = Array.from({ length: size }, (_, i) => new TextEncoder().encode(`entry ${i}`));
    const leaves = entries.map(hashLeaf);
    const tiles = await publishTiles(leaves);
    const bundles = new Map<string, Uint8Array>();
    for (const tile of tilesForTreeSize(BigInt(size))) {
      if (tile.level !== 0) continue;
      const start = Number(tile.index) * 256;
      bundles.set(formatTilePath(tile), encodeEntryBundle(entries.slice(start, start + tile.width)));
    }
    // Observer side: hash every entry, check it against the level 0 tile, then the root.
    const root = mth(leaves);
    const rebuilt: Uint8Array[] = [];
    for (const tile of tilesForTreeSize(BigInt(size))) {
      if (tile.level !== 0) continue;
      const path = formatTilePath(tile);
      const hashes = decodeEntryBundle(bundles.get(path) as Uint8Array, tile.width).map(hashLeaf);
      expect(hashes).toEqual(parseTileData(tiles.get(path) as Uint8Array, tile.width));
      rebuilt.push(...hashes);
    }
    expect(mth(rebuilt)).toEqual(root);
    const requests: TileId[][] = [];
    const reader = createTileHashReader({ size: BigInt(size), readTiles: serve(tiles, requests) });
    expect(await computeRootHash({ size: BigInt(size), readHashes: reader })).toEqual(root);
    expect(requests).toHaveLength(1); // One batched request per computation.
    const proof = await generateInclusionProof({ index: 65537n, size: BigInt(size), readHashes: reader });
    expect(
      verifyInclusion({
        index: 65537n,
        size: BigInt(size),
        leafHash: leaves[65537] as Uint8Array,
        proof,
        root,
      }),
    ).toBe(true);
  });

  it("rejects tiles of the wrong length or count, and nodes not in the tree", async () => {
    const leaves = makeLeaves(300, 1);
    const tiles = await publishTiles(leaves);
    const short: TileReader = async (wanted) =>
      wanted.map((t) => (tiles.get(formatTilePath(t)) as Uint8Array).slice(1));
    await expect(
      createTileHashReader({ size: 300n, readTiles: short })([{ level: 0, index: 0n }]),
    ).rejects.toThrow(/tile\/0\/000: tile of width 256 must be 8192 bytes/);
    const none: TileReader = async () => [];
    await expect(
      createTileHashReader({ size: 300n, readTiles: none })([{ level: 0, index: 0n }]),
    ).rejects.toThrow(/must return 1 tiles/);
    const reader = createTileHashReader({ size: 300n, readTiles: serve(tiles) });
    await expect(reader([{ level: 0, index: 300n }])).rejects.toThrow(/not complete/);
    await expect(reader([{ level: 9, index: 0n }])).rejects.toThrow(/not complete/);
    expect(() => createTileHashReader({ size: -1n, readTiles: none })).toThrow(/size must be in/);
    expect(() => createTileHashReader({ size: 1n, readTiles: "x" as never })).toThrow(
      /readTiles must be a function/,
    );
  });
});
