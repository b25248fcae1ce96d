import { assertFunction, assertObject, assertUint64 } from "../internal/assert";
import { perfectNodes } from "./ranges";
import type { CompactRange, HashReader } from "./types";

export interface LoadCompactRangeParams {
  readonly size: bigint;
  readonly readHashes: HashReader;
}

/**
 * Reads the compact range of the tree of `size` leaves from stored perfect subtree hashes, so a
 * log writer can resume appending after a restart without replaying its entries.
 */
export async function loadCompactRange(params: LoadCompactRangeParams): Promise<CompactRange> {
  assertObject(params, "params");
  const { size, readHashes } = params;
  assertUint64(size, "size");
  assertFunction(readHashes, "readHashes");
  if (size === 0n) return { size, hashes: [] };
  const nodes = perfectNodes(0n, size);
  const hashes = await readHashes(nodes);
  if (!Array.isArray(hashes) || hashes.length !== nodes.length) {
    throw new TypeError(`readHashes must return ${nodes.length} hashes`);
  }
  hashes.forEach((hash, i) => {
    if (!(hash instanceof Uint8Array) || hash.length !== 32) {
      throw new TypeError(`readHashes returned a malformed hash at position ${i}`);
    }
  });
  return { size, hashes: [...hashes] };
}
