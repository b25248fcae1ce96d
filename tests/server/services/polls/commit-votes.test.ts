import { type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry } from "@/core/entries";
import { ledgerEntries, ledgerHead, polls, votes } from "@/server/db/schema";
import { castVote, checkVote } from "@/server/services/polls/cast-vote";
import { closeDuePolls } from "@/server/services/polls/close-due-polls";
import { commitVotes, type TCheckedVote, type TVoteOutcome } from "@/server/services/polls/commit-votes";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { makeVoteBatchFixture, type VoteBatchFixture } from "./vote-batch-fixture";

let t: TestDb;
let f: VoteBatchFixture;
const verify = { verifyProof: (p: unknown) => verifyProof(p as SemaphoreProof) };

beforeAll(async () => {
  t = await createTestDb();
  f = await makeVoteBatchFixture(t.db, { polls: 4 });
}, 120_000);
afterAll(() => t.close());

const checked = async (who: number, ballot: number[], sequence: number, pollId?: string) =>
  checkVote(t.db, await f.vote(who, ballot, sequence, pollId), verify);
const commit = (batch: TCheckedVote[]) => t.db.transaction((tx) => commitVotes(tx, batch));
const ledgerSize = async () =>
  (await t.db.select({ size: ledgerHead.size }).from(ledgerHead).where(eq(ledgerHead.id, 1)))[0]?.size ?? 0n;
/** "OK <index> replaced|duplicate|new" or the refusal's code, for readable expectations. */
const show = (o: TVoteOutcome) =>
  "refusal" in o
    ? o.refusal.code
    : `OK ${o.receipt.entryIndex} ${o.receipt.duplicate ? "duplicate" : o.receipt.replaced ? "replaced" : "new"}`;
const entryAt = async (index: bigint) => {
  const [row] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, index));
  return decodeEntry(row?.data as Uint8Array);
};

describe("commitVotes", () => {
  it("decides sequence 0 then 1 of one voter in one batch as if they came one after the other", async () => {
    const [v0, v1] = [await checked(0, [0], 0), await checked(0, [1], 1)];
    const size = await ledgerSize();
    const outcomes = await commit([v0, v1]);
    expect(outcomes.map(show)).toEqual([`OK ${size} new`, `OK ${size + 1n} replaced`]);
    expect(await entryAt(size)).toMatchObject({ type: "vote", sequence: 0, ballot: [0] });
    expect(await entryAt(size + 1n)).toMatchObject({ type: "vote", sequence: 1, ballot: [1] });
    const rows = await t.db
      .select()
      .from(votes)
      .where(eq(votes.nullifier, v0.nullifier))
      .orderBy(asc(votes.sequence));
    expect(rows.map((r) => [r.sequence, r.entryIndex, r.ballot])).toEqual([
      [0, size, [0]],
      [1, size + 1n, [1]],
    ]);
  }, 60_000);

  it("decides sequence 1 then 0 of one voter in one batch as if they came one after the other", async () => {
    const [v1, v0] = [await checked(1, [2], 1), await checked(1, [0], 0)];
    const size = await ledgerSize();
    expect((await commit([v1, v0])).map(show)).toEqual([`OK ${size} new`, "STALE_SEQUENCE"]);
    expect(await ledgerSize()).toBe(size + 1n);
    const rows = await t.db.select().from(votes).where(eq(votes.nullifier, v1.nullifier));
    expect(rows.map((r) => r.sequence)).toEqual([1]);
  }, 60_000);

  it("decides a batch mixing new, replacing, stale, duplicate and closed-poll votes, each on its own", async () => {
    const [, closingPoll] = f.pollIds as [string, string];
    const earlier = await checked(2, [0], 0);
    const [committed] = await commit([earlier]);
    const original = committed && "receipt" in committed ? committed.receipt.entryIndex : -1n;
    const otherBallotSameSequence = await checked(2, [1], 0);
    const fresh = await checked(3, [2], 0);
    const higher = await checked(2, [2], 1);
    const firstAtOne = await checked(4, [1], 1);
    const inClosedPoll = await checked(5, [1], 0, closingPoll);
    await t.db
      .update(polls)
      .set({ closesAt: sql`now() - interval '1 second'` })
      .where(eq(polls.id, closingPoll));
    expect(await closeDuePolls(t.db)).toEqual([closingPoll]);

    const size = await ledgerSize();
    const outcomes = await commit([
      earlier, // an exact resubmission of a committed vote: its original receipt
      otherBallotSameSequence, // same sequence, other ballot: stale
      fresh,
      inClosedPoll,
      fresh, // resubmitted within the batch: the receipt of the copy accepted just before
      higher, // replaces `earlier`
      earlier, // now stale: an old proof never comes back once the vote changed
      firstAtOne, // a first vote may start at any sequence
    ]);
    expect(outcomes.map(show)).toEqual([
      `OK ${original} duplicate`,
      "STALE_SEQUENCE",
      `OK ${size} new`,
      "POLL_NOT_OPEN",
      `OK ${size} duplicate`,
      `OK ${size + 1n} replaced`,
      "STALE_SEQUENCE",
      `OK ${size + 2n} new`,
    ]);
    expect(await ledgerSize()).toBe(size + 3n);
    expect(await entryAt(size + 1n)).toMatchObject({
      sequence: 1,
      ballot: [2],
      proof: { nullifier: higher.nullifier },
    });
    const inClosed = await t.db.select().from(votes).where(eq(votes.pollId, closingPoll));
    expect(inClosed).toEqual([]);
  }, 60_000);

  it("counts a vote whose batch holds the poll while it closes, and closes the poll after it", async () => {
    const pollId = f.pollIds[2] as string;
    const vote = await checked(6, [1], 0, pollId);
    await t.db
      .update(polls)
      .set({ closesAt: sql`now() + interval '300 milliseconds'` })
      .where(eq(polls.id, pollId));
    let closing: Promise<string[]> | undefined;
    const [outcome] = await t.db.transaction(async (tx) => {
      const decided = await commitVotes(tx, [vote]);
      // Still inside the batch's transaction (poll row held FOR SHARE): the closing time passes and
      // the closer runs. On PostgreSQL it skips the held poll; on PGlite it waits for the commit.
      await new Promise((r) => setTimeout(r, 500));
      closing = closeDuePolls(t.db);
      await new Promise((r) => setTimeout(r, 200));
      return decided;
    });
    expect(outcome && show(outcome)).toMatch(/^OK \d+ new$/);
    if ((await closing)?.length === 0) expect(await closeDuePolls(t.db)).toEqual([pollId]);
    const [poll] = await t.db.select().from(polls).where(eq(polls.id, pollId));
    expect(poll?.status).toBe("closed");
    const receipt = outcome && "receipt" in outcome ? outcome.receipt.entryIndex : -1n;
    expect(receipt).toBeLessThan(poll?.closedEntry as bigint);
    expect(await entryAt(poll?.closedEntry as bigint)).toMatchObject({ counts: [0, 1, 0], turnout: 1 });
  }, 60_000);

  it("refuses a vote that reaches a poll while it is being closed, and appends nothing for it", async () => {
    const pollId = f.pollIds[3] as string;
    // A first vote puts the poll's rules in the process cache, as on a busy server.
    await castVote(t.db, await f.vote(7, [0], 0, pollId), verify);
    const late = await f.vote(8, [2], 0, pollId);
    let voting: Promise<string> | undefined;
    const sizeBefore = await ledgerSize();
    await t.db.transaction(async (tx) => {
      // What closeDuePolls does: the poll row FOR UPDATE, then the status change, in one transaction.
      await tx.select().from(polls).where(eq(polls.id, pollId)).for("update");
      voting = castVote(t.db, late, verify).then(
        (r) => `OK ${r.entryIndex}`,
        (e: { code?: string }) => e.code ?? String(e),
      );
      await new Promise((r) => setTimeout(r, 400));
      await tx.update(polls).set({ status: "closed" }).where(eq(polls.id, pollId));
    });
    expect(await voting).toBe("POLL_NOT_OPEN");
    expect(await ledgerSize()).toBe(sizeBefore);
    const inPoll = await t.db.select().from(votes).where(eq(votes.pollId, pollId));
    expect(inPoll).toHaveLength(1);
  }, 60_000);
});
