import { assertFunction, assertObject, assertUint64 } from "../internal/assert";
import { EMPTY_TREE_HASH } from "./constants";
import { hashRanges } from "./ranges";
import type { HashReader } from "./types";

export interface ComputeRootHashParams {
  readonly size: bigint;
  readonly readHashes: HashReader;
}

/**
 * MTH(D[0:size]), the root hash of the first `size` leaves (RFC 6962 2.1), folded from the
 * perfect subtrees covering [0, size): one per set bit of `size`, so at most 64 reads. The empty
 * tree's root is SHA-256("").
 */
export async function computeRootHash(params: ComputeRootHashParams): Promise<Uint8Array> {
  assertObject(params, "params");
  const { size, readHashes } = params;
  assertUint64(size, "size");
  assertFunction(readHashes, "readHashes");
  if (size === 0n) return EMPTY_TREE_HASH;
  const [root] = await hashRanges([[0n, size]], readHashes);
  return root as Uint8Array;
}
