import { assertFunction, assertObject, assertUint64 } from "../internal/assert";
import { hashRanges, inclusionRanges } from "./ranges";
import type { HashReader } from "./types";

export interface GenerateInclusionProofParams {
  readonly index: bigint;
  readonly size: bigint;
  /** Source of perfect subtree hashes for the tree of at least `size` leaves. */
  readonly readHashes: HashReader;
}

/**
 * Builds the RFC 6962 inclusion proof PATH(index, D[size]) (RFC 6962 2.1.1; RFC 9162 2.1.3.1)
 * from stored perfect subtree hashes, reading all of them in one `readHashes` call. Each proof hash
 * is a tree node: a perfect subtree read directly, or a right-edge node folded from the perfect
 * subtrees that make it up.
 *
 * Throws RangeError unless 0 <= index < size < 2^64.
 */
export async function generateInclusionProof(params: GenerateInclusionProofParams): Promise<Uint8Array[]> {
  assertObject(params, "params");
  const { index, size, readHashes } = params;
  assertUint64(index, "index");
  assertUint64(size, "size");
  if (index >= size) throw new RangeError(`index must be less than size, got index ${index} >= size ${size}`);
  assertFunction(readHashes, "readHashes");
  return hashRanges(inclusionRanges(index, size), readHashes);
}
