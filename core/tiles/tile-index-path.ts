// The <N> path element of c2sp.org/tlog-tiles: the tile index as zero-padded 3-digit groups, all
// but the last prefixed with "x" (1234067 -> "x001/x234/067"). The "x" keeps a directory name from
// ever equalling a file name, so tiles can be stored as files and served directly. Internal.

import { MAX_UINT64 } from "../internal/assert";

export function formatTileIndex(index: bigint): string {
  let digits = index.toString(10);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, "0");
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join("/");
}

/**
 * Parses the groups of <N>. Only the canonical form is accepted (no leading "x000" group), so each
 * tile has one path and a cache or filesystem cannot hold two copies under different names.
 */
export function parseTileIndex(groups: readonly string[], path: string): bigint {
  if (groups.length === 0 || groups.length > 7)
    throw new TypeError(`tile path has a malformed index: ${path}`);
  let digits = "";
  groups.forEach((group, i) => {
    const pattern = i < groups.length - 1 ? /^x[0-9]{3}$/ : /^[0-9]{3}$/;
    if (!pattern.test(group))
      throw new TypeError(`tile path has a malformed index element ${JSON.stringify(group)}`);
    digits += group.replace("x", "");
  });
  if (groups.length > 1 && groups[0] === "x000") {
    throw new TypeError(`tile path index has a superfluous leading group: ${path}`);
  }
  const index = BigInt(digits);
  if (index > MAX_UINT64) throw new RangeError(`tile index exceeds 2^64 - 1: ${path}`);
  return index;
}
