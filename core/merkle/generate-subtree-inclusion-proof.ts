import { assertFunction, assertObject, assertUint64 } from "../internal/assert";
import { isValidSubtree } from "./is-valid-subtree";
import { hashRanges, inclusionRanges } from "./ranges";
import type { HashReader } from "./types";

export interface GenerateSubtreeInclusionProofParams {
  /** Absolute index of the leaf; start <= index < end. */
  readonly index: bigint;
  readonly start: bigint;
  readonly end: bigint;
  readonly readHashes: HashReader;
}

/**
 * Builds a subtree inclusion proof (draft-ietf-plants-merkle-tree-certs, "Subtree Inclusion
 * Proofs"): the RFC 6962 inclusion proof of leaf index - start in the subtree [start, end) viewed as
 * a tree of its own. Throws RangeError for an invalid subtree or an index outside it.
 */
export async function generateSubtreeInclusionProof(
  params: GenerateSubtreeInclusionProofParams,
): Promise<Uint8Array[]> {
  assertObject(params, "params");
  const { index, start, end, readHashes } = params;
  assertUint64(index, "index");
  if (!isValidSubtree(start, end))
    throw new RangeError(`[start, end) = [${start}, ${end}) is not a valid subtree`);
  if (index < start || index >= end)
    throw new RangeError(`index ${index} is outside the subtree [${start}, ${end})`);
  assertFunction(readHashes, "readHashes");
  return hashRanges(inclusionRanges(index - start, end - start, start), readHashes);
}
