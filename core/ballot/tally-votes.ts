import type { CastVote } from "./latest-votes";
import { tallyPoll } from "./tally-poll";
import type { TBallotMethod } from "./validate-ballot";

export interface SimpleTally {
  /** Votes per option (single: the chosen option; approval: each approved option). */
  counts: number[];
  /** Distinct voters (nullifiers) whose latest vote counted. */
  turnout: number;
  /** The ledger index of each counted vote, for links from results to the entries behind them. */
  counted: bigint[];
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
  const { counts, turnout, counted } = tallyPoll(method, optionCount, votes);
  return { counts, turnout, counted };
}
