import { MemoryLeanIMT } from "./memory-lean-imt";
import { poseidon2 } from "./poseidon2";
import type { CensusHash, CensusMerkleProof } from "./types";
import { validateCommitment } from "./validate-commitment";

/**
 * A member's Merkle proof, built in the member's own browser from the district's whole member
 * list (from the ledger's member_added / member_removed entries or the members endpoint), so the
 * server never learns which member is about to prove: it serves the same list to everyone and
 * never "the path of member i".
 *
 * `members` is the list in index order with removed members as 0. Returns null when `commitment`
 * is not in it (never joined, or removed). The caller must compare `proof.root` with a root it
 * trusts (the latest member_added / member_removed entry covered by a signed checkpoint, or the
 * poll's frozen root) before proving: a proof against any other root is worthless.
 *
 * Cost: about one hash per member (~0.1 s per 1,000 members); run it in a Web Worker for large
 * districts.
 */
export function buildMemberProof(
  members: readonly bigint[],
  commitment: bigint,
  hash: CensusHash = poseidon2,
): CensusMerkleProof | null {
  if (!validateCommitment(commitment)) throw new RangeError("commitment must satisfy 0 < commitment < r");
  if (!Array.isArray(members)) throw new TypeError("members must be an array of bigints");
  const index = members.indexOf(commitment);
  if (index < 0) return null;
  return MemoryLeanIMT.fromLeaves(members, hash).generateProof(index);
}
