import { poseidon2 } from "./poseidon2";
import type { CensusHash, CensusMerkleProof } from "./types";

/**
 * Recomputes the root from a proof, as @zk-kit/lean-imt's verifyProof (and the Semaphore circuit)
 * does: bit k of `index` says whether the node is the right child at the k-th sibling. Returns
 * false for a well-formed proof that does not lead to `proof.root`; throws on malformed input.
 */
export function verifyMemberProof(proof: CensusMerkleProof, hash: CensusHash = poseidon2): boolean {
  if (typeof proof !== "object" || proof === null) throw new TypeError("proof must be an object");
  const { root, leaf, index, siblings } = proof;
  if (typeof root !== "bigint" || typeof leaf !== "bigint")
    throw new TypeError("proof.root and proof.leaf must be bigints");
  if (!Array.isArray(siblings) || siblings.some((s) => typeof s !== "bigint"))
    throw new TypeError("proof.siblings must be an array of bigints");
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** siblings.length)
    throw new RangeError("proof.index must be an integer in [0, 2^siblings.length)");
  let node = leaf;
  let bits = index;
  for (const sibling of siblings) {
    node = bits % 2 === 1 ? hash(sibling, node) : hash(node, sibling);
    bits = Math.floor(bits / 2);
  }
  return node === root;
}
