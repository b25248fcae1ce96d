import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatEntryBundlePath,
  formatTilePath,
  parseTilePath,
  tilesForGrowth,
  tilesForTreeSize,
  tileWidth,
} from "@/core/tiles";

describe("formatTilePath and parseTilePath", () => {
  it.each<[string, Parameters<typeof formatTilePath>[0]]>([
    ["tile/0/x001/x234/067", { level: 0, index: 1234067n, width: 256 }],
    ["tile/0/000", { level: 0, index: 0n, width: 256 }],
    ["tile/1/x001/000.p/17", { level: 1, index: 1000n, width: 17 }],
    ["tile/2/000.p/1", { level: 2, index: 0n, width: 1 }],
    ["tile/63/x018/x446/x744/x073/x709/x551/615.p/255", { level: 63, index: (1n << 64n) - 1n, width: 255 }],
  ])("formats and parses %s", (path, tile) => {
    expect(formatTilePath(tile)).toBe(path);
    expect(parseTilePath(path)).toEqual({ kind: "hashes", ...tile });
  });

  it("formats and parses entry bundle paths", () => {
    expect(formatEntryBundlePath({ index: 1234067n, width: 256 })).toBe("tile/entries/x001/x234/067");
    expect(formatEntryBundlePath({ index: 5n, width: 3 })).toBe("tile/entries/005.p/3");
    expect(parseTilePath("tile/entries/005.p/3")).toEqual({ kind: "entries", index: 5n, width: 3 });
  });

  it("round-trips every tile", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(formatTilePath({ level, index, width }))).toEqual({
            kind: "hashes",
            level,
            index,
            width,
          });
        },
      ),
    );
  });

  it.each<[string, RegExp]>([
    ["", /not a tile path/],
    ["tile/0", /not a tile path/],
    ["/tile/0/000", /not a tile path/],
    ["tiles/0/000", /not a tile path/],
    ["tile/00/000", /tile level/],
    ["tile/64/000", /tile level/],
    ["tile/-1/000", /tile level/],
    ["tile/x/000", /tile level/],
    ["tile/0/00", /malformed index element/],
    ["tile/0/0000", /malformed index element/],
    ["tile/0/x000", /malformed index element/],
    ["tile/0/001/002", /malformed index element/],
    ["tile/0/x000/001", /superfluous leading group/],
    ["tile/0/x018/x446/x744/x073/x709/x551/616", /exceeds 2\^64 - 1/],
    ["tile/0/x001/x002/x003/x004/x005/x006/x007/008", /malformed index/],
    ["tile/0/001.p/0", /partial tile width/],
    ["tile/0/001.p/256", /partial tile width/],
    ["tile/0/001.p/07", /partial tile width/],
    ["tile/0/001.p/", /partial tile width/],
    ["tile/0/001.p", /malformed index element/],
    ["tile/0/001.q/5", /malformed index element/],
    ["tile/0/x001.p/5/000", /malformed index element/],
    ["tile/0/001/", /malformed index element/],
    ["tile/0/+01", /malformed index element/],
    ["tile/entries/x000/000", /superfluous leading group/],
    ["tile/entries/001.p/300", /partial tile width/],
  ])("rejects %j", (path, message) => {
    expect(() => parseTilePath(path)).toThrow(message);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["level 64", { level: 64 }, /tile.level/],
    ["a fractional level", { level: 0.5 }, /tile.level/],
    ["width 0", { width: 0 }, /tile.width/],
    ["width 257", { width: 257 }, /tile.width/],
    ["a negative index", { index: -1n }, /tile.index/],
    ["a number index", { index: 1 }, /tile.index must be a bigint/],
  ])("formatTilePath rejects %s", (_, change, message) => {
    expect(() => formatTilePath({ level: 0, index: 0n, width: 256, ...change } as never)).toThrow(message);
  });
});

describe("tilesForTreeSize", () => {
  const summary = (size: bigint) => {
    const byLevel = new Map<number, { full: number; partial: number[] }>();
    for (const tile of tilesForTreeSize(size)) {
      const entry = byLevel.get(tile.level) ?? { full: 0, partial: [] };
      if (tile.width === 256) entry.full++;
      else entry.partial.push(tile.width);
      byLevel.set(tile.level, entry);
    }
    return Object.fromEntries(byLevel);
  };

  it("represents a tree of 70,000 leaves as the spec describes", () => {
    expect(summary(70000n)).toEqual({
      0: { full: 273, partial: [112] },
      1: { full: 1, partial: [17] },
      2: { full: 0, partial: [1] },
    });
  });

  it("represents a tree of 256 leaves as a full level 0 tile and a level 1 tile of width 1", () => {
    expect(summary(256n)).toEqual({ 0: { full: 1, partial: [] }, 1: { full: 0, partial: [1] } });
    expect(summary(0n)).toEqual({});
  });

  it("agrees with tileWidth", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 200000n }), (size) => {
        for (const tile of tilesForTreeSize(size))
          expect(tileWidth(tile.level, tile.index, size)).toBe(tile.width);
      }),
      { numRuns: 30 },
    );
  });
});

describe("tilesForGrowth", () => {
  const paths = (size: bigint) => new Set([...tilesForTreeSize(size)].map(formatTilePath));

  it("lists exactly the tiles that exist at the new size but not at the old one", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 70000n }), fc.bigInt({ min: 0n, max: 70000n }), (a, b) => {
        const [oldSize, newSize] = a <= b ? [a, b] : [b, a];
        const before = paths(oldSize);
        const expected = [...paths(newSize)].filter((p) => !before.has(p)).sort();
        expect([...tilesForGrowth(oldSize, newSize)].map(formatTilePath).sort()).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects shrinking", () => {
    expect(() => [...tilesForGrowth(5n, 4n)]).toThrow(/oldSize must not exceed newSize/);
  });
});

describe("tileWidth", () => {
  it("is 256 for full tiles, the partial width at the edge and 0 beyond", () => {
    expect(tileWidth(0, 0n, 300n)).toBe(256);
    expect(tileWidth(0, 1n, 300n)).toBe(44);
    expect(tileWidth(0, 2n, 300n)).toBe(0);
    expect(tileWidth(1, 0n, 300n)).toBe(1);
    expect(tileWidth(1, 0n, 255n)).toBe(0);
  });
});
