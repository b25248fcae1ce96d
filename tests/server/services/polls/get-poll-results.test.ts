import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry } from "@/core/entries";
import { createCaller } from "@/server/api/root";
import { ledgerEntries, polls } from "@/server/db/schema";
import { getPollResults } from "@/server/services/polls/get-poll-results";
import { buildResultsFixture, type ResultsFixture } from "./poll-results-fixture";

let f: ResultsFixture;
const caller = () => createCaller({ db: f.t.db, actor: null, locale: "en" });

async function entryAt(index: bigint | string) {
  const [row] = await f.t.db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.idx, BigInt(index)));
  return decodeEntry(row?.data as Uint8Array);
}

beforeAll(async () => {
  f = await buildResultsFixture();
}, 180_000);
afterAll(() => f.t.close());

describe("getPollResults", () => {
  it("reports a closed poll's numbers exactly as its poll_closed entry records them", async () => {
    const r = await getPollResults(f.t.db, { pollId: f.closedPollId });
    if (r.status !== "closed") throw new Error(`expected a closed poll, got ${r.status}`);
    const closed = await entryAt(r.closedEntry);
    const opened = await entryAt(r.openedEntry);
    expect(closed.type).toBe("poll_closed");
    expect(opened.type).toBe("poll_opened");
    if (closed.type !== "poll_closed" || opened.type !== "poll_opened") return;
    expect(r).toMatchObject({
      counts: closed.counts,
      turnout: closed.turnout,
      censusSize: closed.censusSize,
      ledgerSize: closed.ledgerSize,
      closedAt: closed.time,
      title: opened.title,
      options: opened.options,
      method: opened.method,
    });
    // Resident 0 chose Yes, resident 1 No, resident 2 Yes and then changed to No.
    expect(r.counts).toEqual([1, 2, 0]);
    expect(r.turnout).toBe(3);
    expect(r.censusSize).toBe(3);
  });

  it("names the counted votes (each voter's latest) and the superseded one with its replacement", async () => {
    const r = await getPollResults(f.t.db, { pollId: f.closedPollId });
    if (r.status !== "closed") throw new Error("expected a closed poll");
    const [v0, v1, v2first, v2changed] = f.cast.map((c) => BigInt(c.entryIndex));
    expect(r.counted).toEqual([v0, v1, v2changed]);
    expect(r.superseded).toEqual([{ index: v2first, replacedBy: v2changed }]);
    // Every named vote is below the ledger size the tally covers, and is a vote of this poll.
    for (const index of [...r.counted, ...r.superseded.map((s) => s.index)]) {
      expect(index < BigInt(r.ledgerSize)).toBe(true);
      expect(await entryAt(index)).toMatchObject({ type: "vote", pollId: f.closedPollId });
    }
  });

  it("counts each approval of an approval poll", async () => {
    const r = await getPollResults(f.t.db, { pollId: f.approvalPollId });
    if (r.status !== "closed") throw new Error("expected a closed poll");
    expect(r.method).toEqual({ kind: "approval", min: 1, max: 2 });
    expect(r.counts).toEqual([1, 2]);
    expect(r.turnout).toBe(2);
    expect(r.superseded).toEqual([]);
  });

  it("shows an open poll's ballots received so far and no counts", async () => {
    const r = await getPollResults(f.t.db, { pollId: f.openPollId });
    expect(r).toMatchObject({ status: "open", votesReceived: 2, voters: 1 });
    expect(r).not.toHaveProperty("counts");
    expect(r).not.toHaveProperty("counted");
  });

  it("refuses a poll that has not opened, an unknown poll and a malformed id, each with its code", async () => {
    await expect(getPollResults(f.t.db, { pollId: f.scheduledPollId })).rejects.toMatchObject({
      code: "RESULTS_NOT_READY",
    });
    await expect(getPollResults(f.t.db, { pollId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getPollResults(f.t.db, { pollId: "poll-1" })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("says the ledger is corrupt rather than show numbers its closing entry does not hold", async () => {
    const [poll] = await f.t.db.select().from(polls).where(eq(polls.id, f.closedPollId));
    // Point the poll at its opening entry instead of its closing one.
    await f.t.db.update(polls).set({ closedEntry: poll?.openedEntry }).where(eq(polls.id, f.closedPollId));
    try {
      await expect(getPollResults(f.t.db, { pollId: f.closedPollId })).rejects.toMatchObject({
        code: "LEDGER_CORRUPT",
      });
    } finally {
      await f.t.db.update(polls).set({ closedEntry: poll?.closedEntry }).where(eq(polls.id, f.closedPollId));
    }
  });
});

describe("results router", () => {
  it("serves a closed poll's results with ledger indices as decimal strings", async () => {
    const r = await caller().results.get({ pollId: f.closedPollId });
    if (r.status !== "closed") throw new Error("expected a closed poll");
    const [v0, v1, v2first, v2changed] = f.cast.map((c) => c.entryIndex);
    expect(r.counts).toEqual([1, 2, 0]);
    expect(r.counted).toEqual([v0, v1, v2changed]);
    expect(r.superseded).toEqual([{ index: v2first, replacedBy: v2changed }]);
    expect(typeof r.openedEntry).toBe("string");
    expect(typeof r.closedEntry).toBe("string");
  });

  it("serves an open poll without counts", async () => {
    expect(await caller().results.get({ pollId: f.openPollId })).toMatchObject({
      status: "open",
      votesReceived: 2,
      voters: 1,
    });
  });

  it("answers typed errors for a scheduled or unknown poll", async () => {
    await expect(caller().results.get({ pollId: f.scheduledPollId })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      cause: { code: "RESULTS_NOT_READY" },
    });
    await expect(caller().results.get({ pollId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
