import { sha256 } from "@noble/hashes/sha2.js";
import { assertBytes } from "../internal/assert";

const LEAF_PREFIX = new Uint8Array([0x00]);

/**
 * Leaf hash of a log entry: SHA-256(0x00 || entry) (RFC 6962 2.1; RFC 9162 2.1.1).
 *
 * The 0x00 prefix (versus 0x01 for interior nodes) is domain separation: without it, an interior
 * node's 64-byte preimage could be presented as a leaf, proving "inclusion" of an entry that was
 * never logged. Hash the exact stored entry bytes; never re-serialize before hashing.
 */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  assertBytes(entry, "entry");
  return sha256.create().update(LEAF_PREFIX).update(entry).digest();
}
