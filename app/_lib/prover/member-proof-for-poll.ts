import { type CensusMerkleProof, leanIMTDepth, MemoryLeanIMT } from "@/core/census";

export type MemberProofForPoll =
  | { ok: true; proof: CensusMerkleProof }
  /**
   * NOT_IN_FROZEN_CENSUS: the identity is not in the group the poll froze (it joined after the
   * poll opened, or had been removed before). CENSUS_MISMATCH: the member list does not rebuild
   * to the poll's frozen root, so no proof made from it could be accepted.
   */
  | { ok: false; code: "NOT_IN_FROZEN_CENSUS" | "CENSUS_MISMATCH" };

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * The Merkle proof a voter needs for a poll, built in the voter's browser from the whole member
 * list as it was when the poll opened (GET /api/anon/members?ledgerSize=<poll_opened index>).
 *
 * The list comes from the server, so nothing in it is trusted: the tree is rebuilt here and its
 * root must equal the poll's frozen root (published in the poll_opened entry) and fit the poll's
 * depth, or no proof is attempted, since the server would refuse it (WRONG_ROOT) anyway. Only then
 * is the voter's own commitment looked up.
 */
export function memberProofForPoll(
  members: readonly string[],
  commitment: string,
  poll: { frozenRoot: string; depth: number },
): MemberProofForPoll {
  if (!Array.isArray(members) || !members.every((m) => typeof m === "string" && DECIMAL.test(m)))
    return { ok: false, code: "CENSUS_MISMATCH" };
  if (!DECIMAL.test(commitment)) throw new TypeError("commitment must be a canonical decimal string");
  let tree: MemoryLeanIMT;
  try {
    tree = MemoryLeanIMT.fromLeaves(members.map(BigInt));
  } catch {
    // A leaf outside the field: not a census any poll could have frozen.
    return { ok: false, code: "CENSUS_MISMATCH" };
  }
  if (tree.root.toString() !== poll.frozenRoot || leanIMTDepth(tree.size) > poll.depth)
    return { ok: false, code: "CENSUS_MISMATCH" };
  // A removed member's leaf is 0, and 0 is never a valid commitment, so indexOf finds only members.
  const index = members.indexOf(commitment);
  if (commitment === "0" || index < 0) return { ok: false, code: "NOT_IN_FROZEN_CENSUS" };
  return { ok: true, proof: tree.generateProof(index) };
}

/**
 * The Merkle proof for a process's anonymous act, from the district's current member list: the
 * root is whatever the list rebuilds to (the server checks it is one it accepts), the depth the
 * list's own.
 */
export function memberProofForCensus(
  members: readonly string[],
  commitment: string,
):
  | { ok: true; proof: CensusMerkleProof; depth: number }
  | { ok: false; code: "NOT_A_MEMBER" | "CENSUS_MISMATCH" } {
  if (!Array.isArray(members) || !members.every((m) => typeof m === "string" && DECIMAL.test(m)))
    return { ok: false, code: "CENSUS_MISMATCH" };
  if (!DECIMAL.test(commitment)) throw new TypeError("commitment must be a canonical decimal string");
  let tree: MemoryLeanIMT;
  try {
    tree = MemoryLeanIMT.fromLeaves(members.map(BigInt));
  } catch {
    return { ok: false, code: "CENSUS_MISMATCH" };
  }
  const index = members.indexOf(commitment);
  if (commitment === "0" || index < 0) return { ok: false, code: "NOT_A_MEMBER" };
  return { ok: true, proof: tree.generateProof(index), depth: Math.max(1, leanIMTDepth(tree.size)) };
}
