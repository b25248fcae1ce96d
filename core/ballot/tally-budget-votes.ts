import type { CastVote } from "./latest-votes";

export interface BudgetTally {
  /** Votes per project. */
  readonly counts: number[];
  /** Funded projects, in the order they were funded. */
  readonly funded: number[];
  /** What the funded projects cost together (at most the budget). */
  readonly spent: number;
}

/**
 * Participatory budgeting: each ballot (already each voter's latest, valid selection) approves a
 * set of projects within the budget. Projects are funded in order of votes while the budget lasts:
 * the most voted first; a project that no longer fits is skipped and the next one tried, so the
 * money left is not wasted on a project too expensive for it. Ties in votes go to the cheaper
 * project, then to the lower index. Projects with no vote are never funded. A pure function.
 */
export function tallyBudgetVotes(
  costs: readonly number[],
  budget: number,
  votes: readonly Pick<CastVote, "ballot">[],
): BudgetTally {
  if (!Array.isArray(costs) || !costs.every((c) => Number.isSafeInteger(c) && c >= 0))
    throw new TypeError("costs must be non-negative integers");
  if (!Number.isSafeInteger(budget) || budget < 0)
    throw new RangeError("budget must be a non-negative integer");
  const counts = new Array<number>(costs.length).fill(0);
  for (const { ballot } of votes) for (const p of ballot) counts[p] = (counts[p] as number) + 1;
  const order = costs
    .map((_, p) => p)
    .filter((p) => (counts[p] as number) > 0)
    .sort(
      (a, b) =>
        (counts[b] as number) - (counts[a] as number) || (costs[a] as number) - (costs[b] as number) || a - b,
    );
  const funded: number[] = [];
  let spent = 0;
  for (const p of order) {
    const cost = costs[p] as number;
    if (spent + cost <= budget) {
      funded.push(p);
      spent += cost;
    }
  }
  return { counts, funded, spent };
}
