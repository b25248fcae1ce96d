import { assertFunction, assertObject } from "../internal/assert";
import { consistencyRanges, hashRanges } from "./ranges";
import { checkSizes } from "./root-from-consistency-proof";
import type { HashReader } from "./types";

export interface GenerateConsistencyProofParams {
  /** Older size, at least 1. */
  readonly size1: bigint;
  /** Newer size, at least size1. */
  readonly size2: bigint;
  /** Source of perfect subtree hashes for the tree of at least `size2` leaves. */
  readonly readHashes: HashReader;
}

/**
 * Builds the RFC 6962 consistency proof PROOF(size1, D[size2]) (RFC 6962 2.1.2; RFC 9162
 * 2.1.4.1) from stored perfect subtree hashes in one `readHashes` call. Empty when size1 == size2.
 *
 * Throws RangeError for size1 = 0 (see `verifyConsistency`), size1 > size2, or sizes >= 2^64.
 */
export async function generateConsistencyProof(
  params: GenerateConsistencyProofParams,
): Promise<Uint8Array[]> {
  assertObject(params, "params");
  const { size1, size2, readHashes } = params;
  checkSizes(size1, size2);
  assertFunction(readHashes, "readHashes");
  if (size1 === size2) return [];
  return hashRanges(consistencyRanges(size1, size2), readHashes);
}
