import { randomUUID } from "node:crypto";
import {
  Group,
  generateProof,
  type Identity,
  type SemaphoreProof,
  verifyProof,
} from "@semaphore-protocol/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotMessage, pollScope, type TBallotMethod } from "@/core/ballot";
import { decodeEntry, encodeEntry } from "@/core/entries";
import { createCaller } from "@/server/api/root";
import { ledgerEntries, polls } from "@/server/db/schema";
import { appendEntries } from "@/server/ledger/append-entries";
import { frozenCensus } from "@/server/services/census/frozen-census";
import { castVote } from "@/server/services/polls/cast-vote";
import { closeDuePolls } from "@/server/services/polls/close-due-polls";
import { getPollResults } from "@/server/services/polls/get-poll-results";
import { artifactPath } from "@/server/zk/artifact-path";
import { buildResultsFixture, ORIGIN, type ResultsFixture } from "./poll-results-fixture";

let f: ResultsFixture;
/** A participatory process's ranked ballot and budget ballot, closed with real votes (see below). */
let ranked: { pollId: string; processId: string };
let budget: { pollId: string; processId: string };

/**
 * Opens a process ballot the way the process scheduler does (advance-due-processes `openBallot`):
 * a poll_opened entry naming the process and its proposals, and the poll row inserted already
 * open with the census frozen now.
 */
async function openProcessBallot(options: string[], method: TBallotMethod) {
  const pollId = randomUUID();
  const processId = randomUUID();
  const proposalIds = options.map(() => randomUUID());
  const scope = pollScope(ORIGIN, pollId).toString();
  const opensAt = new Date(Date.now() - 1_000);
  const closesAt = new Date(Date.now() + 3_600_000);
  await f.t.db.transaction(async (tx) => {
    const census = await frozenCensus(tx, f.districtId);
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({
        v: 1,
        type: "poll_opened",
        pollId,
        districtId: f.districtId,
        title: "Riverside participatory budget 2027",
        options,
        method,
        opensAt: opensAt.toISOString(),
        closesAt: closesAt.toISOString(),
        scope,
        root: census.root,
        depth: census.depth,
        censusSize: census.size,
        minAnonymitySet: 1,
        process: { processId, proposalIds },
      }),
    ]);
    await tx.insert(polls).values({
      id: pollId,
      districtId: f.districtId,
      title: "Riverside participatory budget 2027",
      options,
      method,
      opensAt,
      closesAt,
      minAnonymitySet: 1,
      status: "open",
      scope,
      frozenRoot: census.root,
      depth: census.depth,
      censusSize: census.size,
      openedEntry: firstIndex,
      processId,
      proposalIds,
    });
  });
  return { pollId, processId };
}

/** A vote with a real proof through castVote, as the browser would send it. */
async function voteIn(pollId: string, who: Identity, ballot: number[]) {
  const [poll] = await f.t.db.select().from(polls).where(eq(polls.id, pollId));
  const depth = poll?.depth as number;
  const group = new Group(f.residents.map((r) => r.commitment));
  const proof = await generateProof(who, group, ballotMessage(ballot, 0), pollScope(ORIGIN, pollId), depth, {
    wasm: artifactPath(depth, "wasm"),
    zkey: artifactPath(depth, "zkey"),
  });
  await castVote(
    f.t.db,
    { pollId, ballot, sequence: 0, proof },
    { verifyProof: (p) => verifyProof(p as SemaphoreProof) },
  );
}

async function closeNow(pollIds: string[]) {
  for (const id of pollIds) {
    await f.t.db.update(polls).set({ closesAt: sql`now() - interval '1 second'` }).where(eq(polls.id, id));
  }
  await closeDuePolls(f.t.db);
}
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
  const [r0, r1, r2] = f.residents as [Identity, Identity, Identity];
  // Ranked, up to 2 ranks. Round 1: one first preference each, no majority; the three-way tie goes
  // against the highest index, so the pool is eliminated. Round 2: resident 2 ranked only the pool,
  // so that ballot is exhausted; 1 to 1 of 2 continuing, no majority; the tie goes against the
  // bike lanes. Round 3: only resident 0's ballot still counts, for the playground, which wins.
  ranked = await openProcessBallot(["Playground", "Bike lanes", "Swimming pool"], {
    kind: "ranked",
    maxRanks: 2,
  });
  await voteIn(ranked.pollId, r0, [0, 2]);
  await voteIn(ranked.pollId, r1, [1, 2]);
  await voteIn(ranked.pollId, r2, [2]);
  // Budget of 60,000. Votes per project [2, 1, 1, 2]: benches (2 votes, cheaper) are funded first,
  // then the playground, then the library books (1 vote, cheaper than the bike lanes); the bike
  // lanes no longer fit.
  budget = await openProcessBallot(["Playground", "Bike lanes", "Library books", "Benches"], {
    kind: "budget",
    budget: 60_000,
    costs: [30_000, 50_000, 20_000, 10_000],
  });
  await voteIn(budget.pollId, r0, [0, 2]);
  await voteIn(budget.pollId, r1, [1, 3]);
  await voteIn(budget.pollId, r2, [0, 3]);
  await closeNow([ranked.pollId, budget.pollId]);
}, 300_000);
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

describe("getPollResults for a participatory process's ballots", () => {
  it("reports a ranked poll's instant-runoff rounds and winner as its poll_closed entry records them", async () => {
    const r = await getPollResults(f.t.db, { pollId: ranked.pollId });
    if (r.status !== "closed") throw new Error(`expected a closed poll, got ${r.status}`);
    const closed = await entryAt(r.closedEntry);
    if (closed.type !== "poll_closed") throw new Error("expected the poll_closed entry");
    expect(r.method).toEqual({ kind: "ranked", maxRanks: 2 });
    expect(r.processId).toBe(ranked.processId);
    expect(r.counts).toEqual([1, 1, 1]);
    expect(r.turnout).toBe(3);
    expect(r.rounds).toEqual([
      { counts: [1, 1, 1], exhausted: 0, eliminated: 2 },
      { counts: [1, 1, 0], exhausted: 1, eliminated: 1 },
      { counts: [1, 0, 0], exhausted: 2, eliminated: null },
    ]);
    expect(r.winner).toBe(0);
    expect({ rounds: r.rounds, winner: r.winner }).toEqual({ rounds: closed.rounds, winner: closed.winner });
    expect(r).not.toHaveProperty("funded");
    expect(r.counted).toHaveLength(3);
  });

  it("reports a budget poll's funded projects in funding order and what they cost", async () => {
    const r = await getPollResults(f.t.db, { pollId: budget.pollId });
    if (r.status !== "closed") throw new Error(`expected a closed poll, got ${r.status}`);
    const closed = await entryAt(r.closedEntry);
    if (closed.type !== "poll_closed") throw new Error("expected the poll_closed entry");
    expect(r.method).toEqual({ kind: "budget", budget: 60_000, costs: [30_000, 50_000, 20_000, 10_000] });
    expect(r.processId).toBe(budget.processId);
    expect(r.counts).toEqual([2, 1, 1, 2]);
    expect(r.funded).toEqual([3, 0, 2]);
    expect(r.funded).toEqual(closed.funded);
    expect(r.spent).toBe(60_000);
    expect(r).not.toHaveProperty("rounds");
    expect(r).not.toHaveProperty("winner");
  });

  it("names no process and no method outcome for a council's plain poll", async () => {
    const r = await getPollResults(f.t.db, { pollId: f.closedPollId });
    expect(r.processId).toBeNull();
    for (const key of ["rounds", "winner", "funded", "spent"]) expect(r).not.toHaveProperty(key);
  });

  it("says the ledger is corrupt when a ranked poll's closing entry has no runoff", async () => {
    const [poll] = await f.t.db.select().from(polls).where(eq(polls.id, ranked.pollId));
    // A closing entry for the ranked poll that records only counts, as a plain poll's would.
    const { firstIndex } = await f.t.db.transaction((tx) =>
      appendEntries(tx, [
        encodeEntry({
          v: 1,
          type: "poll_closed",
          pollId: ranked.pollId,
          counts: [1, 1, 1],
          turnout: 3,
          censusSize: 3,
          ledgerSize: 1,
          time: new Date().toISOString(),
        }),
      ]),
    );
    await f.t.db.update(polls).set({ closedEntry: firstIndex }).where(eq(polls.id, ranked.pollId));
    try {
      await expect(getPollResults(f.t.db, { pollId: ranked.pollId })).rejects.toMatchObject({
        code: "LEDGER_CORRUPT",
      });
    } finally {
      await f.t.db.update(polls).set({ closedEntry: poll?.closedEntry }).where(eq(polls.id, ranked.pollId));
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

  it("serves a ranked poll's rounds and winner and a budget poll's funding, with the process", async () => {
    const r = await caller().results.get({ pollId: ranked.pollId });
    if (r.status !== "closed") throw new Error("expected a closed poll");
    expect(r).toMatchObject({ processId: ranked.processId, winner: 0 });
    expect(r.rounds?.map((round) => round.eliminated)).toEqual([2, 1, null]);
    const b = await caller().results.get({ pollId: budget.pollId });
    if (b.status !== "closed") throw new Error("expected a closed poll");
    expect(b).toMatchObject({ processId: budget.processId, funded: [3, 0, 2], spent: 60_000 });
  });

  it("serves a process ballot through poll.get with its ranked or budget method", async () => {
    expect(await caller().poll.get({ pollId: ranked.pollId })).toMatchObject({
      method: { kind: "ranked", maxRanks: 2 },
      processId: ranked.processId,
      status: "closed",
    });
    expect(await caller().poll.get({ pollId: budget.pollId })).toMatchObject({
      method: { kind: "budget", budget: 60_000 },
      processId: budget.processId,
    });
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
