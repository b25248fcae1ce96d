import { assertFunction, assertObject, assertUint64 } from "../internal/assert";
import { isValidSubtree } from "./is-valid-subtree";
import { hashRanges, subtreeConsistencyRanges } from "./ranges";
import type { HashReader } from "./types";

export interface GenerateSubtreeConsistencyProofParams {
  readonly start: bigint;
  readonly end: bigint;
  /** Size of the tree the subtree is proven consistent with; at least `end`. */
  readonly size: bigint;
  readonly readHashes: HashReader;
}

/**
 * Builds SUBTREE_PROOF(start, end, D_size) (draft-ietf-plants-merkle-tree-certs, "Generating a
 * Subtree Consistency Proof"). With start = 0 this is the RFC 6962 consistency proof from `end` to
 * `size`. Throws RangeError for an invalid subtree or end > size.
 */
export async function generateSubtreeConsistencyProof(
  params: GenerateSubtreeConsistencyProofParams,
): Promise<Uint8Array[]> {
  assertObject(params, "params");
  const { start, end, size, readHashes } = params;
  assertUint64(size, "size");
  if (!isValidSubtree(start, end))
    throw new RangeError(`[start, end) = [${start}, ${end}) is not a valid subtree`);
  if (end > size) throw new RangeError(`end must not exceed size, got ${end} > ${size}`);
  assertFunction(readHashes, "readHashes");
  return hashRanges(subtreeConsistencyRanges(start, end, size), readHashes);
}
