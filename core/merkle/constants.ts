import { sha256 } from "@noble/hashes/sha2.js";

export { HASH_SIZE } from "../internal/assert";

/**
 * MTH({}) = SHA-256(""), the root hash of the empty tree (RFC 6962 2.1; c2sp.org/merkle-tree,
 * "Merkle Tree Hash"). A checkpoint of size 0 carries this root.
 */
export const EMPTY_TREE_HASH: Uint8Array = sha256(new Uint8Array(0));
