import type { CensusNodeLookup } from "./types";

/** A sibling the tree's shape says exists; a store without it is damaged, not merely stale. */
export function readSibling(lookup: CensusNodeLookup, level: number, index: number): bigint {
  const value = lookup(level, index);
  if (value === undefined) throw new Error(`census tree node (level ${level}, index ${index}) is missing`);
  return value;
}
