import { describe, expect, it } from "vitest";
import { proposalProblem, type TProposalContent } from "@/core/participation";
import type { TProcessRules } from "@/core/processes/process-rules";

const rules = (ballot: TProcessRules["ballot"]): TProcessRules => ({
  phases: [],
  proposalsPerResident: 2,
  commentsPerResident: 5,
  supportThreshold: 2,
  responseDeadline: "2027-04-11T00:00:00.000Z",
  ballot,
});
const budget = rules({ kind: "budget", budget: 100 });
const ranked = rules({ kind: "ranked", maxRanks: 3 });
const content = (over: Partial<TProposalContent> = {}): TProposalContent => ({
  title: "Shade trees",
  body: "",
  category: null,
  costEstimate: 60,
  location: null,
  ...over,
});

describe("proposalProblem", () => {
  it.each([
    ["a budget proposal with an estimate within the budget", budget, content(), null],
    ["a budget proposal costing the whole budget", budget, content({ costEstimate: 100 }), null],
    [
      "a budget proposal over the budget",
      budget,
      content({ costEstimate: 101 }),
      "over the whole budget of 100",
    ],
    [
      "a budget proposal without an estimate",
      budget,
      content({ costEstimate: null }),
      "needs a cost estimate",
    ],
    ["a budget proposal costing nothing", budget, content({ costEstimate: 0 }), "needs a cost estimate"],
    ["a ranked proposal without an estimate", ranked, content({ costEstimate: null }), null],
    ["a ranked proposal costing more than any budget", ranked, content({ costEstimate: 10 ** 9 }), null],
    ["an empty title", ranked, content({ title: "" }), "title must not be empty"],
    ["a blank title", budget, content({ title: "  \t" }), "title must not be empty"],
  ] as const)("%s", (_, processRules, proposal, problem) => {
    const found = proposalProblem(processRules, proposal);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
