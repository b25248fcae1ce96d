import { sha256 } from "@noble/hashes/sha2.js";
import { assertHash } from "../internal/assert";

const NODE_PREFIX = new Uint8Array([0x01]);

/** SHA-256(0x01 || left || right) without argument checks, for callers that already checked. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * Interior node hash: SHA-256(0x01 || left || right) (RFC 6962 2.1; RFC 9162 2.1.1). The 0x01
 * prefix separates interior nodes from leaves (see `hashLeaf`). Both children must be 32-byte
 * hashes: anything else cannot be a node of a SHA-256 tree.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, "left");
  assertHash(right, "right");
  return nodeHash(left, right);
}
