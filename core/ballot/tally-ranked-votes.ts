import type { CastVote } from "./latest-votes";

/** One round of an instant-runoff count. */
export interface RankedRound {
  /** Ballots counted for each option this round (0 for options already eliminated). */
  readonly counts: number[];
  /** Ballots with no continuing option left. */
  readonly exhausted: number;
  /** The option eliminated at the end of the round; null in the last round. */
  readonly eliminated: number | null;
}

export interface RankedTally {
  /** First preferences per option (round 1's counts). */
  readonly counts: number[];
  readonly rounds: RankedRound[];
  /** The option with a majority of continuing ballots, or the last one standing; null if no vote. */
  readonly winner: number | null;
}

/**
 * Instant-runoff (ranked choice) count of ballots that are already each voter's latest, valid
 * ranking (most preferred first). Each round, every ballot counts for its highest-ranked option
 * still in the race; an option with more than half of the ballots that still count wins. Otherwise
 * the option with the fewest votes is eliminated and its ballots move to their next choice;
 * ballots with no choice left are exhausted. Ties for elimination go against the option with fewer
 * first preferences, then against the higher option index, so every counter eliminates the same
 * option. A pure function: the server at close and every observer compute the same table.
 */
export function tallyRankedVotes(
  optionCount: number,
  votes: readonly Pick<CastVote, "ballot">[],
): RankedTally {
  if (!Number.isSafeInteger(optionCount) || optionCount < 1) throw new RangeError("optionCount must be ≥ 1");
  const inRace = new Array<boolean>(optionCount).fill(true);
  const rounds: RankedRound[] = [];
  let first: number[] | undefined;
  for (;;) {
    const counts = new Array<number>(optionCount).fill(0);
    let exhausted = 0;
    for (const { ballot } of votes) {
      const choice = ballot.find((o) => inRace[o]);
      if (choice === undefined) exhausted++;
      else counts[choice] = (counts[choice] as number) + 1;
    }
    first ??= counts;
    const continuing = votes.length - exhausted;
    const standing = inRace.flatMap((ok, o) => (ok ? [o] : []));
    const leader = standing.reduce((a, b) => ((counts[b] as number) > (counts[a] as number) ? b : a));
    if (continuing === 0) {
      rounds.push({ counts, exhausted, eliminated: null });
      return { counts: first, rounds, winner: null };
    }
    if (2 * (counts[leader] as number) > continuing || standing.length === 1) {
      rounds.push({ counts, exhausted, eliminated: null });
      return { counts: first, rounds, winner: leader };
    }
    const firsts = first;
    const loser = standing.reduce((a, b) => {
      const ca = counts[a] as number;
      const cb = counts[b] as number;
      if (cb !== ca) return cb < ca ? b : a;
      const fa = firsts[a] as number;
      const fb = firsts[b] as number;
      if (fb !== fa) return fb < fa ? b : a;
      return Math.max(a, b);
    });
    inRace[loser] = false;
    rounds.push({ counts, exhausted, eliminated: loser });
  }
}
