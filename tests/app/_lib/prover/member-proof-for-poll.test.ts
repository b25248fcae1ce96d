import { Group } from "@semaphore-protocol/group";
import { describe, expect, it } from "vitest";
import { memberProofForPoll } from "@/app/_lib/prover/member-proof-for-poll";
import { leanIMTDepth, verifyMemberProof } from "@/core/census";

const commitment = (i: number) => (987_654_321n * BigInt(i + 1) + 17n).toString();

/** The census a poll froze: 5 members, the second removed before opening. */
function frozenCensus() {
  const group = new Group();
  for (let i = 0; i < 5; i++) group.addMember(BigInt(commitment(i)));
  group.removeMember(1);
  const members = group.members.map(String);
  return { members, poll: { frozenRoot: group.root.toString(), depth: Math.max(1, leanIMTDepth(5)) } };
}

describe("memberProofForPoll", () => {
  it("builds a proof against the frozen root for a member of the frozen census", () => {
    const { members, poll } = frozenCensus();
    for (const i of [0, 2, 3, 4]) {
      const r = memberProofForPoll(members, commitment(i), poll);
      expect(r.ok, `member ${i}`).toBe(true);
      if (!r.ok) continue;
      expect(r.proof.root.toString()).toBe(poll.frozenRoot);
      expect(r.proof.leaf.toString()).toBe(commitment(i));
      expect(verifyMemberProof(r.proof), `member ${i}`).toBe(true);
    }
  });

  it("says NOT_IN_FROZEN_CENSUS for an identity that joined after opening or was removed before", () => {
    const { members, poll } = frozenCensus();
    expect(memberProofForPoll(members, commitment(9), poll)).toEqual({
      ok: false,
      code: "NOT_IN_FROZEN_CENSUS",
    });
    expect(memberProofForPoll(members, commitment(1), poll)).toEqual({
      ok: false,
      code: "NOT_IN_FROZEN_CENSUS",
    });
  });

  it("says NOT_IN_FROZEN_CENSUS for the removed-member placeholder 0", () => {
    const { members, poll } = frozenCensus();
    expect(memberProofForPoll(members, "0", poll)).toEqual({ ok: false, code: "NOT_IN_FROZEN_CENSUS" });
  });

  it("says CENSUS_MISMATCH when the list is today's census rather than the frozen one", () => {
    const { members, poll } = frozenCensus();
    // A newcomer joined after the opening: the current list no longer rebuilds to the frozen root,
    // even for a member who was there at opening.
    expect(memberProofForPoll([...members, commitment(7)], commitment(0), poll)).toEqual({
      ok: false,
      code: "CENSUS_MISMATCH",
    });
    // A removal after the opening changes the root too.
    const later = members.slice();
    later[3] = "0";
    expect(memberProofForPoll(later, commitment(0), poll)).toEqual({ ok: false, code: "CENSUS_MISMATCH" });
  });

  it("says CENSUS_MISMATCH when the tree is deeper than the poll's depth", () => {
    const { members, poll } = frozenCensus();
    expect(memberProofForPoll(members, commitment(0), { ...poll, depth: 2 })).toEqual({
      ok: false,
      code: "CENSUS_MISMATCH",
    });
  });

  it.each([
    ["a non-decimal leaf", ["0x12", "5"]],
    ["a leaf with a leading zero", ["012", "5"]],
    ["a leaf beyond the field", [(2n ** 254n).toString(), "5"]],
    ["a number instead of a string", [12, "5"]],
  ])("says CENSUS_MISMATCH for %s", (_label, members) => {
    expect(memberProofForPoll(members as string[], "5", { frozenRoot: "1", depth: 1 })).toEqual({
      ok: false,
      code: "CENSUS_MISMATCH",
    });
  });

  it("proves for the only member of a one-member census (root = leaf, depth 1)", () => {
    const r = memberProofForPoll([commitment(0)], commitment(0), { frozenRoot: commitment(0), depth: 1 });
    expect(r).toMatchObject({ ok: true, proof: { siblings: [], index: 0 } });
  });

  it("refuses a malformed commitment with a TypeError", () => {
    const { members, poll } = frozenCensus();
    expect(() => memberProofForPoll(members, "-1", poll)).toThrow(TypeError);
  });
});
