import { assertString } from "../internal/assert";
import { MAX_TILE_LEVEL, TILE_WIDTH } from "./constants";
import { parseTileIndex } from "./tile-index-path";
import type { TilePath } from "./types";

const LEVEL = /^(?:0|[1-9][0-9]?)$/;
const PARTIAL_WIDTH = /^[1-9][0-9]{0,2}$/;

/**
 * Parses a tile or entry bundle path relative to the log prefix, "tile/<L>/<N>[.p/<W>]" or
 * "tile/entries/<N>[.p/<W>]" (c2sp.org/tlog-tiles). Strict, so a server routing requests by path
 * serves each resource under exactly one name: L is 0..63 without leading zeroes, N is in the
 * canonical x-prefixed 3-digit group form, and W is 1..255 without leading zeroes. Throws
 * TypeError (RangeError for out-of-range numbers).
 */
export function parseTilePath(path: string): TilePath {
  assertString(path, "path");
  const parts = path.split("/");
  if (parts.length < 3 || parts[0] !== "tile")
    throw new TypeError(`not a tile path: ${JSON.stringify(path)}`);
  const levelPart = parts[1] as string;
  let groups = parts.slice(2);
  let width = TILE_WIDTH;
  const penultimate = groups[groups.length - 2];
  if (penultimate?.endsWith(".p")) {
    const w = groups[groups.length - 1] as string;
    if (!PARTIAL_WIDTH.test(w) || Number(w) >= TILE_WIDTH) {
      throw new RangeError(
        `partial tile width must be 1..255 without leading zeroes: ${JSON.stringify(path)}`,
      );
    }
    width = Number(w);
    groups = [...groups.slice(0, -2), penultimate.slice(0, -2)];
  }
  const index = parseTileIndex(groups, path);
  if (levelPart === "entries") return { kind: "entries", index, width };
  if (!LEVEL.test(levelPart) || Number(levelPart) > MAX_TILE_LEVEL) {
    throw new RangeError(`tile level must be 0..63 without leading zeroes: ${JSON.stringify(path)}`);
  }
  return { kind: "hashes", level: Number(levelPart), index, width };
}
