import { describe, expect, it } from "vitest";
import { processRulesFromInput, ZProcessInput } from "@/core/processes/process-input";
import { processPhaseAt, processRulesProblem, type TProcessRules } from "@/core/processes/process-rules";

const day = (d: number) => new Date(Date.UTC(2027, 0, 1 + d));
const input = (over: Record<string, unknown> = {}) =>
  ZProcessInput.parse({
    title: "Riverside budget 2027",
    boundaries: [0, 30, 60, 75, 105, 400].map(day),
    responseDeadline: day(90),
    proposalsPerResident: 2,
    commentsPerResident: 10,
    supportThreshold: 25,
    ballot: { kind: "budget", budget: 200_000 },
    ...over,
  });
const rulesOf = (over: Record<string, unknown> = {}) => {
  const r = processRulesFromInput(input(over));
  if (!r.ok) throw new Error(r.problem);
  return r.rules;
};

describe("processRulesFromInput", () => {
  it("makes five back-to-back phases from six boundaries", () => {
    const rules = rulesOf();
    expect(rules.phases.map((p) => p.kind)).toEqual([
      "proposals",
      "support",
      "ballot",
      "results",
      "follow_up",
    ]);
    expect(rules.phases[1]).toEqual({
      kind: "support",
      startsAt: day(30).toISOString(),
      endsAt: day(60).toISOString(),
    });
    expect(processRulesProblem(rules)).toBeNull();
  });

  it.each([
    [
      "a phase that ends before it starts",
      { boundaries: [0, 30, 20, 75, 105, 400].map(day) },
      "must end after it starts",
    ],
    ["a response deadline before the results", { responseDeadline: day(70) }, "response deadline"],
    ["no proposal allowed", { proposalsPerResident: 0 }, "proposalsPerResident must be from 1"],
    ["a support threshold of 0", { supportThreshold: 0 }, "supportThreshold must be from 1"],
    ["negative comments", { commentsPerResident: -1 }, "cannot be negative"],
    ["a ranked ballot without ranks", { ballot: { kind: "ranked", maxRanks: 0 } }, "maxRanks"],
    ["an empty budget", { ballot: { kind: "budget", budget: 0 } }, "budget must be from 1"],
  ])("refuses %s", (_, over, problem) => {
    const r = processRulesFromInput(input(over));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(problem);
  });

  it("refuses phases out of order or with a gap, as recorded", () => {
    const rules = rulesOf();
    const swapped: TProcessRules = {
      ...rules,
      phases: [rules.phases[1], rules.phases[0], ...rules.phases.slice(2)] as TProcessRules["phases"],
    };
    expect(processRulesProblem(swapped)).toContain("phase 1 must be proposals");
    const gap = structuredClone(rules);
    (gap.phases[2] as { startsAt: string }).startsAt = day(61).toISOString();
    expect(processRulesProblem(gap)).toContain("must start when the support phase ends");
  });
});

describe("processPhaseAt", () => {
  it("says where the process stands at any moment", () => {
    const rules = rulesOf();
    expect(processPhaseAt(rules, day(-1))).toBe("upcoming");
    expect(processPhaseAt(rules, day(0))).toBe("proposals");
    expect(processPhaseAt(rules, day(30))).toBe("support");
    expect(processPhaseAt(rules, day(74))).toBe("ballot");
    expect(processPhaseAt(rules, day(80))).toBe("results");
    expect(processPhaseAt(rules, day(200))).toBe("follow_up");
    expect(processPhaseAt(rules, day(400))).toBe("ended");
  });
});
