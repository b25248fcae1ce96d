import { assertObject, describeValue } from "../internal/assert";
import { BN254_SCALAR_MODULUS, SEMAPHORE_MAX_DEPTH, SEMAPHORE_MIN_DEPTH } from "./constants";
import { parseDecimalBelow } from "./internal/parse-decimal";
import { semaphoreHash } from "./semaphore-hash";
import type { DecodedSemaphoreProof } from "./types";
import { unpackGroth16Proof } from "./unpack-groth16-proof";

const TWO_256 = 1n << 256n;

/**
 * Strictly decodes a Semaphore v4 proof (`SemaphoreProof` of `@semaphore-protocol/proof`) and
 * computes the public signals its circuit exposes, exactly as Semaphore's `verifyProof` does:
 * [merkleTreeRoot, nullifier, hash(message), hash(scope)] (see `semaphoreHash`).
 *
 * Malformed input throws, naming the field: TypeError for a wrong type, a non-integer depth or a
 * decimal that is not canonical (sign, leading zero, hex), RangeError for a depth outside 1..32, a
 * root or nullifier at or above r, a message or scope at or above 2^256, or a point coordinate at
 * or above p. A well-formed proof is not necessarily valid: only verification says that.
 */
export function decodeSemaphoreProof(value: unknown, name = "proof"): DecodedSemaphoreProof {
  assertObject(value, name);
  const depth = value.merkleTreeDepth;
  if (typeof depth !== "number" || !Number.isInteger(depth)) {
    throw new TypeError(`${name}.merkleTreeDepth must be an integer, got ${describeValue(depth)}`);
  }
  if (depth < SEMAPHORE_MIN_DEPTH || depth > SEMAPHORE_MAX_DEPTH) {
    throw new RangeError(
      `${name}.merkleTreeDepth must be from ${SEMAPHORE_MIN_DEPTH} to ${SEMAPHORE_MAX_DEPTH}, got ${depth}`,
    );
  }
  const r = BN254_SCALAR_MODULUS;
  const merkleTreeRoot = parseDecimalBelow(value.merkleTreeRoot, `${name}.merkleTreeRoot`, r, "r");
  const nullifier = parseDecimalBelow(value.nullifier, `${name}.nullifier`, r, "r");
  const message = parseDecimalBelow(value.message, `${name}.message`, TWO_256, "2^256");
  const scope = parseDecimalBelow(value.scope, `${name}.scope`, TWO_256, "2^256");
  const proof = unpackGroth16Proof(value.points, `${name}.points`);
  return {
    merkleTreeDepth: depth,
    merkleTreeRoot,
    nullifier,
    message,
    scope,
    publicSignals: [merkleTreeRoot, nullifier, semaphoreHash(message), semaphoreHash(scope)],
    proof,
  };
}
