import type { TBallotMethod } from "./validate-ballot";
import { validateBallot } from "./validate-ballot";

export interface CastVote {
  /** Ledger index of the vote entry; ties in sequence are impossible once the writer refused them. */
  index: bigint;
  nullifier: string;
  sequence: number;
  ballot: readonly number[];
}

export interface SimpleTally {
  /** Votes per option (single: the chosen option; approval: each approved option). */
  counts: number[];
  /** Distinct voters (nullifiers) whose latest vote counted. */
  turnout: number;
  /** The ledger index of each counted vote, for links from results to the entries behind them. */
  counted: bigint[];
}

/**
 * The latest vote of each voter: for each nullifier, the vote with the highest sequence number.
 * Earlier votes stay in the ledger but do not count. Votes whose sequence does not exceed the
 * voter's previous one are ignored (the server refuses them; a recount must agree either way).
 */
export function latestVotes(votes: readonly CastVote[]): CastVote[] {
  const latest = new Map<string, CastVote>();
  for (const v of [...votes].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))) {
    const prev = latest.get(v.nullifier);
    if (!prev || v.sequence > prev.sequence) latest.set(v.nullifier, v);
  }
  return [...latest.values()].sort((a, b) => (a.index < b.index ? -1 : 1));
}

/**
 * Tally of a single-choice or approval poll from its vote entries (a pure function: the server at
 * close and every observer recounting the ledger compute the same numbers). Invalid ballots never
 * reach the ledger, but a recount must not trust that: they make the tally throw.
 */
export function tallyVotes(
  method: TBallotMethod,
  optionCount: number,
  votes: readonly CastVote[],
): SimpleTally {
  if (method.kind !== "single" && method.kind !== "approval") {
    throw new TypeError(
      `tallyVotes counts single and approval polls; ${method.kind} polls have their own tally`,
    );
  }
  const counts = new Array<number>(optionCount).fill(0);
  const counted = latestVotes(votes);
  for (const v of counted) {
    const check = validateBallot(method, optionCount, v.ballot);
    if (!check.ok) throw new RangeError(`vote at index ${v.index} has an invalid ballot: ${check.reason}`);
    for (const option of v.ballot) counts[option] = (counts[option] as number) + 1;
  }
  return { counts, turnout: counted.length, counted: counted.map((v) => v.index) };
}
