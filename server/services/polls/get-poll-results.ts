import { asc, countDistinct, count as countRows, eq } from "drizzle-orm";
import { z } from "zod";
import { latestVotes, type TBallotMethod } from "@/core/ballot";
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
}

export type PollResults = OpenPollResults | ClosedPollResults;

async function readEntry(db: DbOrTx, index: bigint): Promise<TLedgerEntry> {
  const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, index));
  if (!row) throw new AppError("LEDGER_CORRUPT", `Ledger entry ${index} is missing.`);
  return decodeEntry(row.data);
}

/**
 * A poll's results for the public results page. For a closed poll the counts, turnout, census size
 * and covered ledger size are decoded from the poll_closed entry itself, and the title, options and
 * method from the poll_opened entry: the page shows what the ledger says, which is what anyone
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
  };
}
