import { asc, countDistinct, count as countRows, eq } from "drizzle-orm";
import { z } from "zod";
import { latestVotes, type RankedRound, type TBallotMethod } from "@/core/ballot";
import { decodeEntry, type TLedgerEntry } from "@/core/entries";
import type { DbOrTx } from "../../db/client";
import { ledgerEntries, polls, votes } from "../../db/schema";
import { AppError } from "../../errors/app-error";

export const ZPollResultsInput = z.object({ pollId: z.uuid() });

/** A vote a later vote of the same voter (same nullifier, higher sequence) replaced. */
export interface SupersededVote {
  index: bigint;
  /** Ledger index of the vote that replaced it: the voter's latest vote, which is the one counted. */
  replacedBy: bigint;
}

interface ResultsBase {
  pollId: string;
  districtId: string;
  title: string;
  options: string[];
  method: TBallotMethod;
  opensAt: Date;
  closesAt: Date;
  /** Ledger index of the poll_opened entry that froze the poll's rules. */
  openedEntry: bigint;
  /** The participatory process whose ballot this poll is (from the poll_opened entry), or null. */
  processId: string | null;
}

/**
 * An open poll shows how many ballots arrived, never partial counts: the tally is computed once,
 * at close, so early numbers cannot sway the voters still to come.
 */
export interface OpenPollResults extends ResultsBase {
  status: "open";
  /** Vote entries so far, changed votes included. */
  votesReceived: number;
  /** Distinct voters (nullifiers) so far. */
  voters: number;
}

/** A closed poll's results, the numbers exactly as its poll_closed ledger entry records them. */
export interface ClosedPollResults extends ResultsBase {
  status: "closed";
  counts: number[];
  turnout: number;
  censusSize: number;
  /** The ledger size the tally covers: every vote entry below this index was considered. */
  ledgerSize: number;
  /** The time recorded in the poll_closed entry. */
  closedAt: string;
  closedEntry: bigint;
  /** Ledger indices of the votes that count (each voter's latest), in ledger order. */
  counted: bigint[];
  /** Earlier votes replaced by a change, in ledger order. */
  superseded: SupersededVote[];
  /** Ranked polls: the instant-runoff table, round by round (`counts` are the first preferences). */
  rounds?: RankedRound[];
  /** Ranked polls: the winning option, null when nobody voted. */
  winner?: number | null;
  /** Budget polls: the funded projects, in the order they were funded. */
  funded?: number[];
  /** Budget polls: what the funded projects cost together, from the costs the poll opened with. */
  spent?: number;
}

export type PollResults = OpenPollResults | ClosedPollResults;

const isOption = (optionCount: number) => (i: number) => Number.isSafeInteger(i) && i >= 0 && i < optionCount;

/**
 * The method's outcome as the poll_closed entry records it: a ranked poll's runoff rounds and
 * winner, a budget poll's funded projects (and what they cost). A closing entry without them, or
 * naming an option the poll does not have, is refused as corrupt rather than shown half.
 */
function methodOutcome(
  pollId: string,
  method: TBallotMethod,
  optionCount: number,
  closed: Extract<TLedgerEntry, { type: "poll_closed" }>,
): Pick<ClosedPollResults, "rounds" | "winner" | "funded" | "spent"> {
  const corrupt = (what: string) =>
    new AppError("LEDGER_CORRUPT", `The tally of ${method.kind} poll ${pollId} ${what}.`);
  const option = isOption(optionCount);
  switch (method.kind) {
    case "single":
    case "approval":
      return {};
    case "ranked": {
      const { rounds, winner } = closed;
      if (rounds === undefined || rounds.length === 0 || winner === undefined)
        throw corrupt("has no runoff rounds or winner");
      for (const round of rounds) {
        if (round.counts.length !== optionCount) throw corrupt("has a round with the wrong number of counts");
        if (round.eliminated !== null && !option(round.eliminated))
          throw corrupt("eliminates an option it does not have");
      }
      if (winner !== null && !option(winner)) throw corrupt("names a winner it does not have");
      return { rounds, winner };
    }
    case "budget": {
      const { funded } = closed;
      if (funded === undefined) throw corrupt("has no funded projects");
      if (!funded.every(option) || new Set(funded).size !== funded.length)
        throw corrupt("funds a project it does not have");
      const spent = funded.reduce((sum, p) => sum + (method.costs[p] ?? 0), 0);
      return { funded, spent };
    }
  }
}

async function readEntry(db: DbOrTx, index: bigint): Promise<TLedgerEntry> {
  const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, index));
  if (!row) throw new AppError("LEDGER_CORRUPT", `Ledger entry ${index} is missing.`);
  return decodeEntry(row.data);
}

/**
 * A poll's results for the public results page. For a closed poll the counts, turnout, census size
 * and covered ledger size (and a ranked poll's runoff rounds and winner, a budget poll's funded
 * projects) are decoded from the poll_closed entry itself, and the title, options, method and
 * process from the poll_opened entry: the page shows what the ledger says, which is what anyone
 * recounting it will check against. The indices of the counted and superseded votes (each voter's
 * latest vote counts, core/ballot `latestVotes`) let every number link to the entries behind it.
 * A scheduled poll has no results yet (RESULTS_NOT_READY); an unknown poll is NOT_FOUND.
 */
export async function getPollResults(db: DbOrTx, input: unknown): Promise<PollResults> {
  const parsed = ZPollResultsInput.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_INPUT", "A poll is identified by a UUID.");
  const [poll] = await db.select().from(polls).where(eq(polls.id, parsed.data.pollId));
  if (!poll) throw new AppError("NOT_FOUND", "That poll does not exist.");
  if (poll.status === "scheduled" || poll.openedEntry === null) {
    throw new AppError("RESULTS_NOT_READY", "This poll has not opened yet; results appear when it closes.");
  }
  const opened = await readEntry(db, poll.openedEntry);
  if (opened.type !== "poll_opened" || opened.pollId !== poll.id) {
    throw new AppError("LEDGER_CORRUPT", `Ledger entry ${poll.openedEntry} is not the opening of this poll.`);
  }
  const base: ResultsBase = {
    pollId: poll.id,
    districtId: poll.districtId,
    title: opened.title,
    options: opened.options,
    method: opened.method,
    opensAt: new Date(opened.opensAt),
    closesAt: new Date(opened.closesAt),
    openedEntry: poll.openedEntry,
    processId: opened.process?.processId ?? null,
  };

  if (poll.status === "open" || poll.closedEntry === null) {
    const [received] = await db
      .select({ votes: countRows(), voters: countDistinct(votes.nullifier) })
      .from(votes)
      .where(eq(votes.pollId, poll.id));
    return { ...base, status: "open", votesReceived: received?.votes ?? 0, voters: received?.voters ?? 0 };
  }

  const closed = await readEntry(db, poll.closedEntry);
  if (closed.type !== "poll_closed" || closed.pollId !== poll.id) {
    throw new AppError("LEDGER_CORRUPT", `Ledger entry ${poll.closedEntry} is not the closing of this poll.`);
  }
  if (closed.counts.length !== opened.options.length) {
    throw new AppError(
      "LEDGER_CORRUPT",
      `The tally of poll ${poll.id} has ${closed.counts.length} counts for ${opened.options.length} options.`,
    );
  }
  const outcome = methodOutcome(poll.id, opened.method, opened.options.length, closed);
  // The votes index (poll, nullifier, sequence → entry) names the entries; only those the tally
  // covered (below its ledger size) belong to the results. The vote service refuses votes after
  // close, so in a sound ledger that is all of them.
  const rows = await db
    .select({ index: votes.entryIndex, nullifier: votes.nullifier, sequence: votes.sequence })
    .from(votes)
    .where(eq(votes.pollId, poll.id))
    .orderBy(asc(votes.entryIndex));
  const cast = rows
    .filter((r) => r.index < BigInt(closed.ledgerSize))
    .map((r) => ({ ...r, ballot: [] as number[] }));
  const latest = latestVotes(cast);
  const latestOf = new Map(latest.map((v) => [v.nullifier, v.index]));
  const countedSet = new Set(latest.map((v) => v.index));
  const superseded: SupersededVote[] = [];
  for (const v of cast) {
    if (countedSet.has(v.index)) continue;
    superseded.push({ index: v.index, replacedBy: latestOf.get(v.nullifier) as bigint });
  }
  return {
    ...base,
    status: "closed",
    counts: closed.counts,
    turnout: closed.turnout,
    censusSize: closed.censusSize,
    ledgerSize: closed.ledgerSize,
    closedAt: closed.time,
    closedEntry: poll.closedEntry,
    counted: latest.map((v) => v.index),
    superseded,
    ...outcome,
  };
}
