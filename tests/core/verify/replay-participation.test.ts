import { describe, expect, it } from "vitest";
import { MemoryLeanIMT } from "@/core/census";
import { decodeEntry, encodeEntry, type TLedgerEntry } from "@/core/entries";
import { LedgerReplay } from "@/core/verify";
import { FIXTURE, FIXTURE_ENTRIES } from "../../fixtures/ledger/tamper-cases";

/**
 * ParticipationReplay through LedgerReplay, on edits of the ledger fixture the tamper suite cannot
 * express (it re-signs, then verifies real proofs; here every queued proof counts as valid).
 */
const I = FIXTURE.indices;
const entries = () => FIXTURE_ENTRIES.map((b) => decodeEntry(b));

function replay(list: readonly TLedgerEntry[]) {
  const r = new LedgerReplay(FIXTURE.origin);
  list.forEach((e, i) => {
    r.apply(BigInt(i), encodeEntry(e));
  });
  r.recount(() => true);
  return r.findings.map((f) => `${f.code}@${f.index}`);
}

/** member_removed entries that empty the district's census as it stands at the end of `list`. */
function removeEveryone(list: readonly TLedgerEntry[]): TLedgerEntry[] {
  const tree = new MemoryLeanIMT();
  for (const e of list) {
    if (e.type === "member_added") tree.insert(BigInt(e.commitment));
    if (e.type === "member_removed") tree.remove(e.memberIndex);
  }
  const removals: TLedgerEntry[] = [];
  tree.leaves.forEach((leaf, memberIndex) => {
    if (leaf === 0n) return;
    const { root } = tree.remove(memberIndex);
    const district = list[0] as Extract<TLedgerEntry, { type: "district_created" }>;
    removals.push({
      v: 1,
      type: "member_removed",
      districtId: district.districtId,
      memberIndex,
      reason: "Moved out of the district",
      root: root.toString(),
      size: tree.size,
      time: "2027-02-20T00:00:00.000Z",
    });
  });
  return removals;
}

describe("ParticipationReplay", () => {
  it("accepts the fixture's process", () => {
    expect(replay(entries())).toEqual([]);
  });

  it("wants no ballot from a process whose census emptied before its ballot phase (none can open)", () => {
    const list = entries();
    const before = list.slice(0, I.phaseBallot);
    const removals = removeEveryone(before);
    // The ballot phase entered with nobody left to vote: no poll_opened, votes or tally follow.
    const rest = list.slice(I.phaseBallot, I.phaseBallot + 1).concat(list.slice(I.ballotClosed + 1));
    expect(replay([...before, ...removals, ...rest])).toEqual([]);
  });

  it("still wants the ballot when the census has members", () => {
    const list = entries();
    const trimmed = [...list.slice(0, I.ballotOpened), ...list.slice(I.ballotClosed + 1)];
    expect(replay(trimmed)).toEqual([`BALLOT_MISSING@${I.phaseBallot}`]);
  });

  it("lets an honest overdue notice follow one that was refused", () => {
    const list = entries();
    const early = { ...(list[I.responseOverdue] as TLedgerEntry), time: "2027-04-01T00:00:00.000Z" };
    const edited = [...list.slice(0, I.responseOverdue), early, ...list.slice(I.responseOverdue)];
    expect(replay(edited)).toEqual([`OVERDUE_MISMATCH@${I.responseOverdue}`]);
  });

  it("accepts a process started before Plaza recorded its census, and refuses its anonymous acts (no root is new enough)", () => {
    const list = entries();
    const started = list[I.processStarted] as Extract<TLedgerEntry, { type: "process_started" }>;
    const { census: _census, ...old } = started;
    list[I.processStarted] = old;
    const findings = replay(list);
    // The entry itself is fine (no malformed entry, no census mismatch); its first anonymous act is not.
    expect(
      findings.filter((f) => /^(ENTRY_MALFORMED|PROCESS_CENSUS_MISMATCH|UNKNOWN_PROCESS)@/.test(f)),
    ).toEqual([]);
    expect(findings[0]).toBe(`WRONG_ROOT@${I.proposalAnonymous}`);
  });
});
