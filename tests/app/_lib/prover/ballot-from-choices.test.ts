import { describe, expect, it } from "vitest";
import { ballotFromChoices, budgetSpent } from "@/app/_lib/prover/ballot-from-choices";
import { ballotMessage, validateBallot } from "@/core/ballot";

const approval = { kind: "approval", min: 1, max: 2 } as const;
const ranked = { kind: "ranked", maxRanks: 3 } as const;
/** Four projects: 30,000, 50,000, 20,000 and 10,000 against a budget of 60,000. */
const budget = { kind: "budget" as const, budget: 60_000, costs: [30_000, 50_000, 20_000, 10_000] };

describe("ballotFromChoices", () => {
  it("makes a single-choice ballot of the one ticked option", () => {
    expect(ballotFromChoices({ kind: "single" }, 3, [2])).toEqual({ ok: true, ballot: [2] });
  });

  it("sorts and deduplicates approval choices into the canonical ballot, whatever the ticking order", () => {
    expect(ballotFromChoices(approval, 4, [3, 1])).toEqual({ ok: true, ballot: [1, 3] });
    expect(ballotFromChoices(approval, 4, [1, 3, 1])).toEqual({ ok: true, ballot: [1, 3] });
    // One choice, one message: the order of ticking never changes what is proved.
    const a = ballotFromChoices(approval, 4, [3, 1]);
    const b = ballotFromChoices(approval, 4, [1, 3]);
    if (!a.ok || !b.ok) throw new Error("expected valid ballots");
    expect(ballotMessage(a.ballot, 0)).toBe(ballotMessage(b.ballot, 0));
  });

  it.each([
    ["nothing ticked", { kind: "single" } as const, 3, [], "none"],
    ["two options in a single-choice poll", { kind: "single" } as const, 3, [0, 1], "tooMany"],
    ["fewer than the minimum", { kind: "approval", min: 2, max: 3 } as const, 4, [1], "tooFew"],
    ["more than the maximum", approval, 4, [0, 1, 2], "tooMany"],
    ["an option that does not exist", { kind: "single" } as const, 3, [3], "invalid"],
    ["a negative option", approval, 3, [-1], "invalid"],
  ])("refuses %s", (_label, method, count, choices, problem) => {
    expect(ballotFromChoices(method, count, choices)).toEqual({ ok: false, problem });
  });
});

describe("ballotFromChoices for a ranked poll", () => {
  it("keeps the ranking as given, most preferred first: the order is the choice", () => {
    expect(ballotFromChoices(ranked, 4, [2, 0, 3])).toEqual({ ok: true, ballot: [2, 0, 3] });
    expect(ballotFromChoices(ranked, 4, [3])).toEqual({ ok: true, ballot: [3] });
    // Two rankings of the same options are two different ballots, with two different messages.
    const a = ballotFromChoices(ranked, 4, [0, 1]);
    const b = ballotFromChoices(ranked, 4, [1, 0]);
    if (!a.ok || !b.ok) throw new Error("expected valid ballots");
    expect(ballotMessage(a.ballot, 0)).not.toBe(ballotMessage(b.ballot, 0));
  });

  it("makes only ballots the server's validateBallot accepts", () => {
    for (const ranking of [[0], [3, 2, 1], [1, 3]]) {
      const r = ballotFromChoices(ranked, 4, ranking);
      if (!r.ok) throw new Error(`expected ${ranking.join(",")} to be valid`);
      expect(validateBallot(ranked, 4, r.ballot), ranking.join(",")).toEqual({ ok: true });
    }
  });

  it.each([
    ["nothing ranked", [], "none"],
    ["more options than the poll lets rank", [0, 1, 2, 3], "tooMany"],
    ["an option ranked twice", [1, 2, 1], "invalid"],
    ["an option that does not exist", [0, 4], "invalid"],
  ])("refuses %s", (_label, ranking, problem) => {
    expect(ballotFromChoices(ranked, 4, ranking)).toEqual({ ok: false, problem });
  });
});

describe("ballotFromChoices for a budget poll", () => {
  it("sorts the ticked projects into strictly increasing indices, whatever the ticking order", () => {
    expect(ballotFromChoices(budget, 4, [3, 0])).toEqual({ ok: true, ballot: [0, 3] });
    expect(ballotFromChoices(budget, 4, [2, 0, 2])).toEqual({ ok: true, ballot: [0, 2] });
  });

  it("accepts a selection that spends the whole budget exactly", () => {
    // 50,000 + 10,000 = 60,000.
    expect(ballotFromChoices(budget, 4, [1, 3])).toEqual({ ok: true, ballot: [1, 3] });
    expect(validateBallot(budget, 4, [1, 3])).toEqual({ ok: true });
  });

  it.each([
    ["nothing ticked", [], "none"],
    ["projects over the budget (30,000 + 50,000)", [0, 1], "overBudget"],
    ["every project (110,000)", [0, 1, 2, 3], "overBudget"],
    ["a project that does not exist", [0, 4], "invalid"],
  ])("refuses %s", (_label, chosen, problem) => {
    expect(ballotFromChoices(budget, 4, chosen)).toEqual({ ok: false, problem });
  });

  it("refuses, as invalid, projects whose costs do not match the poll's options", () => {
    expect(ballotFromChoices(budget, 5, [0])).toEqual({ ok: false, problem: "invalid" });
  });
});

describe("budgetSpent", () => {
  it("adds the cost of each chosen project once", () => {
    expect(budgetSpent(budget.costs, [])).toBe(0);
    expect(budgetSpent(budget.costs, [0, 2])).toBe(50_000);
    expect(budgetSpent(budget.costs, [2, 2, 0])).toBe(50_000);
  });
});
