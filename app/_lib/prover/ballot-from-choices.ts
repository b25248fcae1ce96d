import { type TBallotMethod, validateBallot } from "@/core/ballot";

export type BallotProblem = "none" | "tooFew" | "tooMany" | "overBudget" | "invalid";

export type BallotFromChoices = { ok: true; ballot: number[] } | { ok: false; problem: BallotProblem };

/**
 * The canonical ballot for what a resident chose, the one spelling the server accepts, so one
 * choice always gives one message:
 *   single, approval, budget   the ticked option indices in increasing order, each once (the order
 *                              of ticking never matters);
 *   ranked                     the ranking as it stands, most preferred first (the order is the
 *                              choice, so it is kept as given; an option listed twice is invalid).
 * The problems a form can show in words come first; validateBallot (core/ballot, the same function
 * the server and every recount use) is the final word.
 */
export function ballotFromChoices(
  method: TBallotMethod,
  optionCount: number,
  choices: Iterable<number>,
): BallotFromChoices {
  const given = [...choices];
  const ballot = method.kind === "ranked" ? given : [...new Set(given)].sort((a, b) => a - b);
  if (ballot.length === 0) return { ok: false, problem: "none" };
  switch (method.kind) {
    case "single":
      if (ballot.length > 1) return { ok: false, problem: "tooMany" };
      break;
    case "approval":
      if (ballot.length < method.min) return { ok: false, problem: "tooFew" };
      if (ballot.length > method.max) return { ok: false, problem: "tooMany" };
      break;
    case "ranked":
      if (new Set(ballot).size === ballot.length && ballot.length > method.maxRanks)
        return { ok: false, problem: "tooMany" };
      break;
    case "budget":
      if (
        method.costs.length === optionCount &&
        ballot.every((i) => Number.isSafeInteger(i) && i >= 0 && i < optionCount) &&
        budgetSpent(method.costs, ballot) > method.budget
      )
        return { ok: false, problem: "overBudget" };
      break;
  }
  return validateBallot(method, optionCount, ballot).ok
    ? { ok: true, ballot }
    : { ok: false, problem: "invalid" };
}

/** What the chosen projects cost together (unknown projects cost nothing here; see validateBallot). */
export function budgetSpent(costs: readonly number[], chosen: Iterable<number>): number {
  let spent = 0;
  for (const p of new Set(chosen)) spent += costs[p] ?? 0;
  return spent;
}
