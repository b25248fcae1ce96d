import { assertHashList } from "../internal/assert";
import { nodeHash } from "./hash-children";
import type { HashReader, NodeId } from "./types";

/**
 * A `HashReader` over an in-memory list of leaf hashes, computing (and caching) perfect subtree
 * hashes on demand. For tests, browsers holding a small log, and observers that rebuilt the leaf
 * list from entry bundles. Reading a node that is not complete within the list throws RangeError.
 */
export function createMemoryHashReader(leafHashes: readonly Uint8Array[]): HashReader {
  assertHashList(leafHashes, "leafHashes");
  const leaves = [...leafHashes];
  const size = BigInt(leaves.length);
  // levels[l][i] caches node (l, i); level 0 is the leaves themselves.
  const levels: Uint8Array[][] = [leaves];
  const node = (level: number, index: number): Uint8Array => {
    let row = levels[level];
    if (row === undefined) {
      row = [];
      levels[level] = row;
    }
    const cached = row[index];
    if (cached !== undefined) return cached;
    const hash = nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
    row[index] = hash;
    return hash;
  };
  return async (nodes: readonly NodeId[]) =>
    nodes.map(({ level, index }) => {
      if (!Number.isInteger(level) || level < 0 || level > 63 || typeof index !== "bigint" || index < 0n) {
        throw new RangeError(`invalid node (${level}, ${index})`);
      }
      if ((index + 1n) << BigInt(level) > size) {
        throw new RangeError(`node (${level}, ${index}) is not complete in a tree of ${size} leaves`);
      }
      return node(level, Number(index));
    });
}
