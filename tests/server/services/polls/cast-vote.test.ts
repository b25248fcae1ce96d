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
  // A poll that needs more members than will ever join stays scheduled.
  const tooBig = await makeDuePoll({ minAnonymitySet: 50 });
  for (const [i, r] of residents.entries())
    await joinDistrict(t.db, { code: codes[i] as string, commitment: r.commitment.toString() });
  pollId = await makeDuePoll();
  otherPollId = await makeDuePoll();
  const opened = await openDuePolls(t.db, ORIGIN);
  expect(opened.sort()).toEqual([pollId, otherPollId].sort());
  expect((await t.db.select().from(polls).where(eq(polls.id, tooBig)))[0]?.status).toBe("scheduled");
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

  it("refuses each kind of bad vote with its own code", async () => {
    const p = await prove(residents[2] as Identity, [1], 0);
    const base = { pollId, ballot: [1], sequence: 0, proof: p };
    const r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
    const cases: [string, unknown, string][] = [
      [
        "message swapped after proving",
        { ...base, proof: { ...p, message: ballotMessage([0], 0).toString() } },
        "MESSAGE_MISMATCH",
      ],
      ["ballot swapped after proving", { ...base, ballot: [0] }, "MESSAGE_MISMATCH"],
      [
        "tampered proof points",
        { ...base, proof: { ...p, points: [p.points[1], p.points[0], ...p.points.slice(2)] } },
        "INVALID_PROOF",
      ],
      ["a nullifier at the field modulus", { ...base, proof: { ...p, nullifier: r } }, "BAD_INPUT"],
      [
        "a nullifier plus the field modulus",
        { ...base, proof: { ...p, nullifier: (BigInt(p.nullifier) + BigInt(r)).toString() } },
        "BAD_INPUT",
      ],
      [
        "a non-canonical number (leading zero)",
        { ...base, proof: { ...p, nullifier: `0${p.nullifier}` } },
        "BAD_INPUT",
      ],
      [
        "a number as hex",
        { ...base, proof: { ...p, nullifier: `0x${BigInt(p.nullifier).toString(16)}` } },
        "BAD_INPUT",
      ],
      ["a number as a JSON number", { ...base, proof: { ...p, nullifier: 12 } }, "BAD_INPUT"],
      ["depth 0", { ...base, proof: { ...p, merkleTreeDepth: 0 } }, "BAD_DEPTH"],
      ["depth 33", { ...base, proof: { ...p, merkleTreeDepth: 33 } }, "BAD_DEPTH"],
      ["an invalid ballot", { ...base, ballot: [0, 1] }, "INVALID_BALLOT"],
      ["an unknown poll", { ...base, pollId: "00000000-0000-4000-8000-000000000000" }, "POLL_NOT_OPEN"],
      ["an extra field", { ...base, extra: 1 }, "BAD_INPUT"],
    ];
    for (const [label, body, code] of cases)
      expect(await codeOf(castVote(t.db, body, verify)), label).toBe(code);
  }, 60_000);

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
});

describe("closeDuePolls", () => {
  it("tallies each voter's latest vote from the ledger entries and records it; later votes are refused", async () => {
    const late = await prove(residents[5] as Identity, [1], 0);
    await t.db.update(polls).set({ closesAt: sql`now() - interval '1 second'` }).where(eq(polls.id, pollId));
    expect(await closeDuePolls(t.db)).toEqual([pollId]);
    expect(await closeDuePolls(t.db)).toEqual([]);
    const [poll] = await t.db.select().from(polls).where(eq(polls.id, pollId));
    const [row] = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.idx, poll?.closedEntry as bigint));
    const entry = decodeEntry(row?.data as Uint8Array);
    // residents[0]: 0 then changed to 2; residents[1]: 1.
    expect(entry).toMatchObject({
      type: "poll_closed",
      pollId,
      counts: [0, 1, 1],
      turnout: 2,
      censusSize: 12,
      ledgerSize: Number(poll?.closedEntry),
    });
    expect(await codeOf(castVote(t.db, { pollId, ballot: [1], sequence: 0, proof: late }, verify))).toBe(
      "POLL_NOT_OPEN",
    );
  }, 60_000);
});
