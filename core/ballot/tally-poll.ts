import { type CastVote, latestVotes } from "./latest-votes";
import { tallyBudgetVotes } from "./tally-budget-votes";
import { type RankedRound, tallyRankedVotes } from "./tally-ranked-votes";
import { type TBallotMethod, validateBallot } from "./validate-ballot";

export interface PollTally {
  /** single, approval, budget: votes per option; ranked: first preferences. */
  readonly counts: number[];
  /** Distinct voters whose latest vote counted. */
  readonly turnout: number;
  /** Ledger index of each counted vote. */
  readonly counted: bigint[];
  /** ranked: the round-by-round table and the winner. */
  readonly rounds?: RankedRound[];
  readonly winner?: number | null;
  /** budget: the funded projects in funding order. */
  readonly funded?: number[];
}

/**
 * The result of a poll of any ballot method from its vote entries: each voter's latest vote (the
 * highest sequence per nullifier), each ballot checked against the method (an invalid one throws:
 * the server never records one, and a recount must not trust that), then the method's count.
 * The server computes the poll_closed entry with this function and observers recount with it.
 */
export function tallyPoll(method: TBallotMethod, optionCount: number, votes: readonly CastVote[]): PollTally {
  const latest = latestVotes(votes);
  const counts = new Array<number>(optionCount).fill(0);
  for (const v of latest) {
    const check = validateBallot(method, optionCount, v.ballot);
    if (!check.ok) throw new RangeError(`vote at index ${v.index} has an invalid ballot: ${check.reason}`);
  }
  const base = { turnout: latest.length, counted: latest.map((v) => v.index) };
  switch (method.kind) {
    case "single":
    case "approval":
      for (const v of latest) for (const o of v.ballot) counts[o] = (counts[o] as number) + 1;
      return { counts, ...base };
    case "ranked": {
      const ranked = tallyRankedVotes(optionCount, latest);
      return { counts: ranked.counts, rounds: ranked.rounds, winner: ranked.winner, ...base };
    }
    case "budget": {
      const budget = tallyBudgetVotes(method.costs, method.budget, latest);
      return { counts: budget.counts, funded: budget.funded, ...base };
    }
  }
}
