import { readFileSync } from "node:fs";
import { Group, generateProof, Identity, type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotMessage, pollScope } from "@/core/ballot";
import { decodeEntry } from "@/core/entries";
import { ledgerEntries, polls } from "@/server/db/schema";
import type { Actor } from "@/server/services/auth/actor";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { removeMember } from "@/server/services/census/remove-member";
import { castVote } from "@/server/services/polls/cast-vote";
import { closeDuePolls } from "@/server/services/polls/close-due-polls";
import { createPoll } from "@/server/services/polls/create-poll";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { artifactPath } from "@/server/zk/artifact-path";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

const ORIGIN = "plaza.test";
let t: TestDb;
let council: NonNullable<Actor>;
let districtId: string;
const residents = Array.from({ length: 12 }, () => new Identity());
const codes: string[] = [];
let pollId: string;
let otherPollId: string;
let depth: number;

const verify = { verifyProof: (p: unknown) => verifyProof(p as SemaphoreProof) };

async function prove(
  who: Identity,
  ballot: number[],
  sequence: number,
  forPoll = pollId,
  members = residents,
): Promise<SemaphoreProof> {
  const group = new Group(members.map((m) => m.commitment));
  const artifacts = { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") };
  return generateProof(
    who,
    group,
    ballotMessage(ballot, sequence),
    pollScope(ORIGIN, forPoll),
    depth,
    artifacts,
  );
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "OK",
    (e: { code?: string }) => e.code ?? String(e),
  );
}

async function makeDuePoll(over: { minAnonymitySet?: number } = {}) {
  const poll = await createPoll(t.db, council, {
    districtId,
    poll: {
      title: "Close the street to cars on Sundays?",
      options: ["Yes", "No", "Only in summer"],
      method: { kind: "single" },
      opensAt: new Date(Date.now() + 60_000),
      closesAt: new Date(Date.now() + 3_600_000),
      ...over,
    },
  });
  await t.db.update(polls).set({ opensAt: sql`now() - interval '1 second'` }).where(eq(polls.id, poll.id));
  return poll.id;
}

beforeAll(async () => {
  t = await createTestDb();
  const d = await makeDistrict(t.db, "riverside");
  districtId = d.id;
  council = actorOf(await makeUser(t.db, "council@example.org"));
  await addToCouncil(t.db, d.id, council.userId);
  const batch = await generateInvitationCodes(t.db, council, { districtId, count: 13 });
  codes.push(...batch.codes);
  for (const [i, r] of residents.entries())
    await joinDistrict(t.db, { code: codes[i] as string, commitment: r.commitment.toString() });
  pollId = await makeDuePoll();
  otherPollId = await makeDuePoll();
  const opened = await openDuePolls(t.db, ORIGIN);
  expect(opened.sort()).toEqual([pollId, otherPollId].sort());
  const [poll] = await t.db.select().from(polls).where(eq(polls.id, pollId));
  depth = poll?.depth as number;
}, 120_000);
afterAll(() => t.close());

describe("openDuePolls", () => {
  it("freezes the census root and records every rule in a poll_opened entry", async () => {
    const [poll] = await t.db.select().from(polls).where(eq(polls.id, pollId));
    const [row] = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.idx, poll?.openedEntry as bigint));
    const entry = decodeEntry(row?.data as Uint8Array);
    const group = new Group(residents.map((m) => m.commitment));
    expect(entry).toMatchObject({
      type: "poll_opened",
      pollId,
      root: group.root.toString(),
      scope: pollScope(ORIGIN, pollId).toString(),
      censusSize: 12,
      minAnonymitySet: 10,
      options: ["Yes", "No", "Only in summer"],
      method: { kind: "single" },
    });
    expect(await openDuePolls(t.db, ORIGIN)).toEqual([]);
  });

  it("does not open a poll while the census is smaller than its minimum anonymity set", async () => {
    const tooBig = await makeDuePoll({ minAnonymitySet: 13 });
    expect(await openDuePolls(t.db, ORIGIN)).toEqual([]);
    const [poll] = await t.db.select().from(polls).where(eq(polls.id, tooBig));
    expect(poll).toMatchObject({ status: "scheduled", frozenRoot: null, openedEntry: null });
    const entries = await t.db.select().from(ledgerEntries);
    const opened = entries.map((e) => decodeEntry(e.data)).filter((e) => e.type === "poll_opened");
    expect(opened.map((e) => (e as { pollId: string }).pollId)).not.toContain(tooBig);
    // One more member makes 13: the poll opens at the next tick.
    await joinDistrict(t.db, { code: codes[12] as string, commitment: new Identity().commitment.toString() });
    expect(await openDuePolls(t.db, ORIGIN)).toEqual([tooBig]);
  }, 60_000);
});

describe("castVote", () => {
  let first: SemaphoreProof;
  let firstIndex: bigint;

  it("accepts a valid vote and gives a receipt; an exact resubmission returns the same receipt", async () => {
    first = await prove(residents[0] as Identity, [0], 0);
    const r = await castVote(t.db, { pollId, ballot: [0], sequence: 0, proof: first }, verify);
    expect(r).toMatchObject({ replaced: false, duplicate: false });
    firstIndex = r.entryIndex;
    const again = await castVote(t.db, { pollId, ballot: [0], sequence: 0, proof: first }, verify);
    expect(again).toEqual({ entryIndex: firstIndex, replaced: false, duplicate: true });
  }, 60_000);

  it("treats 50 concurrent submissions of one vote as one entry, with no error", async () => {
    const proof = await prove(residents[1] as Identity, [1], 0);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => castVote(t.db, { pollId, ballot: [1], sequence: 0, proof }, verify)),
    );
    expect(new Set(results.map((r) => r.entryIndex)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  }, 60_000);

  it("lets a voter change their vote with a higher sequence, and refuses replaying the old proof", async () => {
    const change = await prove(residents[0] as Identity, [2], 1);
    const r = await castVote(t.db, { pollId, ballot: [2], sequence: 1, proof: change }, verify);
    expect(r.replaced).toBe(true);
    expect(await codeOf(castVote(t.db, { pollId, ballot: [0], sequence: 0, proof: first }, verify))).toBe(
      "STALE_SEQUENCE",
    );
  }, 60_000);

  describe("refuses each kind of bad vote with its own code", () => {
    const r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
    let p: SemaphoreProof;
    let base: { pollId: string; ballot: number[]; sequence: number; proof: SemaphoreProof };
    const refusal = (body: unknown) => codeOf(castVote(t.db, body, verify));
    beforeAll(async () => {
      p = await prove(residents[2] as Identity, [1], 0);
      base = { pollId, ballot: [1], sequence: 0, proof: p };
    }, 60_000);

    it("refuses a message swapped after proving, and a ballot that does not match the message", async () => {
      const swapped = { ...base, proof: { ...p, message: ballotMessage([0], 0).toString() } };
      expect(await refusal(swapped)).toBe("MESSAGE_MISMATCH");
      expect(await refusal({ ...base, ballot: [0] })).toBe("MESSAGE_MISMATCH");
      expect(await refusal({ ...base, sequence: 1 })).toBe("MESSAGE_MISMATCH");
    });

    it("refuses tampered proof points, including points that are not on the curve", async () => {
      const swappedPoints = [p.points[1], p.points[0], ...p.points.slice(2)];
      expect(await refusal({ ...base, proof: { ...p, points: swappedPoints } })).toBe("INVALID_PROOF");
      const flipped = [...p.points];
      flipped[7] = ((BigInt(flipped[7] as string) + 1n) % BigInt(r)).toString();
      expect(await refusal({ ...base, proof: { ...p, points: flipped } })).toBe("INVALID_PROOF");
      const offCurve = ["1", "1", ...p.points.slice(2)];
      expect(await refusal({ ...base, proof: { ...p, points: offCurve } })).toBe("INVALID_PROOF");
    });

    it("refuses a nullifier at the field modulus or the nullifier plus the modulus", async () => {
      expect(await refusal({ ...base, proof: { ...p, nullifier: r } })).toBe("BAD_INPUT");
      const plusR = (BigInt(p.nullifier) + BigInt(r)).toString();
      expect(await refusal({ ...base, proof: { ...p, nullifier: plusR } })).toBe("BAD_INPUT");
    });

    it("refuses non-canonical number encodings", async () => {
      const n = BigInt(p.nullifier);
      const encodings: [string, unknown][] = [
        ["a leading zero", `0${n}`],
        ["hexadecimal", `0x${n.toString(16)}`],
        ["a JSON number", 12],
        ["a sign", `+${n}`],
        ["surrounding space", ` ${n}`],
        ["an exponent", "1e3"],
        ["a negative number", `-${n}`],
        ["an empty string", ""],
      ];
      for (const [label, nullifier] of encodings)
        expect(await refusal({ ...base, proof: { ...p, nullifier } }), label).toBe("BAD_INPUT");
      const points = [...p.points];
      points[0] = `00${points[0]}`;
      expect(await refusal({ ...base, proof: { ...p, points } }), "a padded point").toBe("BAD_INPUT");
      expect(await refusal({ ...base, sequence: 0.5 }), "a fractional sequence").toBe("BAD_INPUT");
    });

    it("refuses depth 0 and depth 33", async () => {
      expect(await refusal({ ...base, proof: { ...p, merkleTreeDepth: 0 } })).toBe("BAD_DEPTH");
      expect(await refusal({ ...base, proof: { ...p, merkleTreeDepth: 33 } })).toBe("BAD_DEPTH");
    });

    it("refuses an invalid ballot, an unknown poll and unexpected fields", async () => {
      expect(await refusal({ ...base, ballot: [0, 1] })).toBe("INVALID_BALLOT");
      expect(await refusal({ ...base, ballot: [3] })).toBe("INVALID_BALLOT");
      expect(await refusal({ ...base, pollId: "00000000-0000-4000-8000-000000000000" })).toBe(
        "POLL_NOT_OPEN",
      );
      expect(await refusal({ ...base, extra: 1 })).toBe("BAD_INPUT");
      expect(await refusal(null)).toBe("BAD_INPUT");
    });

    it("accepts the untampered vote after all those refusals", async () => {
      expect((await castVote(t.db, base, verify)).duplicate).toBe(false);
    });
  });

  it("refuses a proof made for another poll", async () => {
    const p = await prove(residents[3] as Identity, [1], 0, otherPollId);
    expect(await codeOf(castVote(t.db, { pollId, ballot: [1], sequence: 0, proof: p }, verify))).toBe(
      "WRONG_SCOPE",
    );
  }, 60_000);

  it("refuses a proof against another root, such as the census after a removal", async () => {
    await removeMember(t.db, council, { districtId, code: codes[11] as string, reason: "Moved away" });
    const after = [...residents.slice(0, 11).map((m) => m.commitment), 0n];
    const group = new Group(after);
    const artifacts = { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") };
    const p = await generateProof(
      residents[4] as Identity,
      group,
      ballotMessage([1], 0),
      pollScope(ORIGIN, pollId),
      depth,
      artifacts,
    );
    expect(await codeOf(castVote(t.db, { pollId, ballot: [1], sequence: 0, proof: p }, verify))).toBe(
      "WRONG_ROOT",
    );
  }, 60_000);

  it("refuses a proof against the root from before a removal, in a poll opened after it", async () => {
    // The census now lacks residents[11] (removed above); a new poll freezes that smaller census.
    const laterPoll = await makeDuePoll();
    expect(await openDuePolls(t.db, ORIGIN)).toEqual([laterPoll]);
    const p = await prove(residents[4] as Identity, [1], 0, laterPoll, residents);
    const body = { pollId: laterPoll, ballot: [1], sequence: 0, proof: p };
    expect(await codeOf(castVote(t.db, body, verify))).toBe("WRONG_ROOT");
  }, 60_000);
});

describe("closeDuePolls", () => {
  let late: SemaphoreProof;

  it("tallies each voter's latest vote from the ledger entries and records it", async () => {
    late = await prove(residents[5] as Identity, [1], 0);
    await t.db.update(polls).set({ closesAt: sql`now() - interval '1 second'` }).where(eq(polls.id, pollId));
    expect(await closeDuePolls(t.db)).toEqual([pollId]);
    expect(await closeDuePolls(t.db)).toEqual([]);
    const [poll] = await t.db.select().from(polls).where(eq(polls.id, pollId));
    const [row] = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.idx, poll?.closedEntry as bigint));
    const entry = decodeEntry(row?.data as Uint8Array);
    // residents[0]: 0 then changed to 2; residents[1]: 1; residents[2]: 1.
    expect(entry).toMatchObject({
      type: "poll_closed",
      pollId,
      counts: [0, 2, 1],
      turnout: 3,
      censusSize: 12,
      ledgerSize: Number(poll?.closedEntry),
    });
  }, 60_000);

  it("files every vote and the tally under the poll's district, also for entries appended before (migration 0005)", async () => {
    const pollEntries = sql`type in ('vote', 'poll_closed')`;
    const districts = async () =>
      (await t.db.select({ d: ledgerEntries.districtId }).from(ledgerEntries).where(pollEntries)).map(
        (r) => r.d,
      );
    expect(await districts()).not.toHaveLength(0);
    expect(new Set(await districts())).toEqual(new Set([districtId]));
    await t.db.update(ledgerEntries).set({ districtId: null }).where(pollEntries);
    await t.db.execute(sql.raw(readFileSync("drizzle/0005_district_of_poll_entries.sql", "utf8")));
    expect(new Set(await districts())).toEqual(new Set([districtId]));
  });

  it("refuses a vote after close with POLL_NOT_OPEN, and the tally stays as recorded", async () => {
    const before = await t.db.select().from(ledgerEntries);
    expect(await codeOf(castVote(t.db, { pollId, ballot: [1], sequence: 0, proof: late }, verify))).toBe(
      "POLL_NOT_OPEN",
    );
    expect(await t.db.select().from(ledgerEntries)).toHaveLength(before.length);
  });
});
