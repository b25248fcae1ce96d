import { describe, expect, it } from "vitest";
import { hashLeaf, merkleTreeHash } from "@/core/merkle";
import { createNoteSigner, SIGNATURE_TYPE_ED25519 } from "@/core/note";
import { formatEntryBundlePath, formatTilePath } from "@/core/tiles";
import { recomputeTree } from "@/core/verify";
import { buildTiledLog, tiledLogSource } from "../../helpers/tiled-log";

// 70,000 entries span three tile levels: 273 full level-0 tiles and a partial one, one full and one
// partial level-1 tile, and a partial level-2 tile (the example of tilesForTreeSize).
const SIZE = 70_000;
const entries = Array.from({ length: SIZE }, (_, i) => new TextEncoder().encode(`entry ${i}`));
const signer = createNoteSigner("plaza.test/tree", SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(4));
const log = await buildTiledLog(entries, { signer });

async function recompute(tampered: Map<string, Uint8Array>) {
  return recomputeTree({ source: tiledLogSource(tampered), size: BigInt(SIZE) });
}

function flipped(path: string, at: number): Map<string, Uint8Array> {
  const copy = new Map(log);
  const data = (copy.get(path) as Uint8Array).slice();
  data[at] = (data[at] as number) ^ 1;
  copy.set(path, data);
  return copy;
}

describe("recomputeTree", () => {
  it("recomputes the root of a three-level tree and finds every served tile right", async () => {
    const tree = await recompute(log);
    expect(tree.findings).toEqual([]);
    expect(tree.rootHash).toEqual(merkleTreeHash(entries.map(hashLeaf)));
    expect(tree.bundles).toBe(274);
    expect(tree.hashTiles).toBe(274 + 2 + 1);
  });

  it("names the first entry under an altered level-1 hash", async () => {
    const tree = await recompute(flipped(formatTilePath({ level: 1, index: 0n, width: 256 }), 32 * 5));
    expect(tree.findings).toEqual([
      expect.objectContaining({ code: "TILE_HASH_MISMATCH", index: String(5 * 256) }),
    ]);
  });

  it("names the first entry under an altered hash of the partial level-1 and level-2 tiles", async () => {
    const partial = await recompute(flipped(formatTilePath({ level: 1, index: 1n, width: 17 }), 32 * 3));
    expect(partial.findings).toEqual([
      expect.objectContaining({ code: "TILE_HASH_MISMATCH", index: String((256 + 3) * 256) }),
    ]);
    const top = await recompute(flipped(formatTilePath({ level: 2, index: 0n, width: 1 }), 0));
    expect(top.findings).toEqual([expect.objectContaining({ code: "TILE_HASH_MISMATCH", index: "0" })]);
  });

  it("reports a changed entry at its index and below it every level's hash", async () => {
    const bundle = formatEntryBundlePath({ index: 3n, width: 256 });
    const tree = await recompute(flipped(bundle, 2 + 1));
    expect(tree.findings.map((f) => [f.code, f.index]).sort()).toEqual([
      ["LEAF_HASH_MISMATCH", String(3 * 256)],
      ["TILE_HASH_MISMATCH", "0"],
      ["TILE_HASH_MISMATCH", String(3 * 256)],
    ]);
    expect(tree.rootHash).not.toEqual(merkleTreeHash(entries.map(hashLeaf)));
  });
});
