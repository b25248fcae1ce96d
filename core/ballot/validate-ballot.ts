import type { z } from "zod";
import type { ZBallotMethod } from "../entries/entry-schemas";

export type TBallotMethod = z.infer<typeof ZBallotMethod>;

export type BallotCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `ballot` (option indices) is a valid, canonical ballot for a poll with `optionCount`
 * options and this method. Canonical means one spelling per choice: sets (approval, budget) are
 * strictly increasing, rankings list each option once in preference order. The server refuses
 * non-canonical ballots, so the same choice always gives the same message.
 *   single   exactly one option
 *   approval between min and max options
 *   ranked   1..maxRanks distinct options, most preferred first
 *   budget   any set of projects whose total cost stays within the budget
 */
export function validateBallot(
  method: TBallotMethod,
  optionCount: number,
  ballot: readonly number[],
): BallotCheck {
  if (!Array.isArray(ballot)) return { ok: false, reason: "the ballot must be a list of option numbers" };
  for (const i of ballot) {
    if (!Number.isSafeInteger(i) || i < 0 || i >= optionCount)
      return { ok: false, reason: `option ${String(i)} does not exist` };
  }
  const increasing = ballot.every((v, k) => k === 0 || v > (ballot[k - 1] as number));
  switch (method.kind) {
    case "single":
      return ballot.length === 1 ? { ok: true } : { ok: false, reason: "choose exactly one option" };
    case "approval":
      if (!increasing) return { ok: false, reason: "list each option once, in increasing order" };
      if (ballot.length < method.min) return { ok: false, reason: `choose at least ${method.min} options` };
      if (ballot.length > method.max) return { ok: false, reason: `choose at most ${method.max} options` };
      return { ok: true };
    case "ranked":
      if (ballot.length === 0) return { ok: false, reason: "rank at least one option" };
      if (new Set(ballot).size !== ballot.length)
        return { ok: false, reason: "rank each option at most once" };
      if (ballot.length > method.maxRanks)
        return { ok: false, reason: `rank at most ${method.maxRanks} options` };
      return { ok: true };
    case "budget": {
      if (!increasing) return { ok: false, reason: "list each project once, in increasing order" };
      if (method.costs.length !== optionCount)
        return { ok: false, reason: "the poll's project costs do not match its options" };
      const total = ballot.reduce((sum, i) => sum + (method.costs[i] as number), 0);
      if (total > method.budget)
        return {
          ok: false,
          reason: `the chosen projects cost ${total}, over the budget of ${method.budget}`,
        };
      return { ok: true };
    }
  }
}
