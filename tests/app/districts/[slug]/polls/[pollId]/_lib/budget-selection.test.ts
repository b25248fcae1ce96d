import { describe, expect, it } from "vitest";
import { ballotFromChoices } from "@/app/_lib/prover/ballot-from-choices";
import { budgetStatus, toggleProject } from "@/app/districts/[slug]/polls/[pollId]/_lib/budget-selection";

const method = { kind: "budget" as const, budget: 60_000, costs: [30_000, 50_000, 20_000, 10_000] };

describe("toggleProject", () => {
  it("keeps the ticked projects in increasing order, each once, whatever the ticking order", () => {
    let chosen: number[] = [];
    chosen = toggleProject(chosen, 3, true);
    chosen = toggleProject(chosen, 0, true);
    chosen = toggleProject(chosen, 3, true);
    expect(chosen).toEqual([0, 3]);
    expect(toggleProject(chosen, 3, false)).toEqual([0]);
    expect(toggleProject(chosen, 2, false)).toEqual([0, 3]);
  });
});

describe("budgetStatus", () => {
  it("says what the ticked projects cost and what is left of the budget", () => {
    expect(budgetStatus(method, [])).toEqual({ spent: 0, left: 60_000, over: false });
    expect(budgetStatus(method, [0, 2])).toEqual({ spent: 50_000, left: 10_000, over: false });
    expect(budgetStatus(method, [1, 3])).toEqual({ spent: 60_000, left: 0, over: false });
  });

  it("marks a selection over the budget, which the ballot builder then refuses", () => {
    expect(budgetStatus(method, [0, 1])).toEqual({ spent: 80_000, left: -20_000, over: true });
    expect(ballotFromChoices(method, 4, [0, 1])).toEqual({ ok: false, problem: "overBudget" });
  });

  it("agrees with the ballot builder on every selection of the four projects", () => {
    for (let mask = 1; mask < 16; mask++) {
      const chosen = [0, 1, 2, 3].filter((p) => mask & (1 << p));
      const status = budgetStatus(method, chosen);
      const built = ballotFromChoices(method, 4, [...chosen].reverse());
      expect(built.ok, `projects ${chosen.join(",")}`).toBe(!status.over);
      if (built.ok) expect(built.ballot).toEqual(chosen);
    }
  });
});
