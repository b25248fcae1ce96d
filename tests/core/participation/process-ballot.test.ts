import { describe, expect, it } from "vitest";
import { validateBallot } from "@/core/ballot";
import { processBallot, type TBallotProposal } from "@/core/participation";
import type { TProcessRules } from "@/core/processes/process-rules";

const rules = (ballot: TProcessRules["ballot"]): TProcessRules => ({
  phases: [],
  proposalsPerResident: 2,
  commentsPerResident: 5,
  supportThreshold: 2,
  responseDeadline: "2027-04-11T00:00:00.000Z",
  ballot,
});
const proposals: TBallotProposal[] = [
  { proposalId: "p-trees", title: "Shade trees", costEstimate: 60 },
  { proposalId: "p-bridge", title: "Repair the footbridge", costEstimate: 50 },
  { proposalId: "p-bench", title: "Benches", costEstimate: null },
];

describe("processBallot", () => {
  it("offers the advanced proposals' titles, in the order they advanced, with their ids", () => {
    const ballot = processBallot(rules({ kind: "ranked", maxRanks: 3 }), proposals);
    expect(ballot.options).toEqual(["Shade trees", "Repair the footbridge", "Benches"]);
    expect(ballot.proposalIds).toEqual(["p-trees", "p-bridge", "p-bench"]);
    const reversed = processBallot(rules({ kind: "ranked", maxRanks: 3 }), [...proposals].reverse());
    expect(reversed.proposalIds).toEqual(["p-bench", "p-bridge", "p-trees"]);
  });

  it("ranks up to the process's maxRanks", () => {
    expect(processBallot(rules({ kind: "ranked", maxRanks: 2 }), proposals).method).toEqual({
      kind: "ranked",
      maxRanks: 2,
    });
  });

  it("ranks never more than there are proposals", () => {
    const ballot = processBallot(rules({ kind: "ranked", maxRanks: 10 }), proposals.slice(0, 2));
    expect(ballot.method).toEqual({ kind: "ranked", maxRanks: 2 });
    // A poll's rules require maxRanks <= options; the one-proposal ballot still fits.
    const single = processBallot(rules({ kind: "ranked", maxRanks: 10 }), proposals.slice(0, 1));
    expect(single.method).toEqual({ kind: "ranked", maxRanks: 1 });
    expect(validateBallot(single.method, single.options.length, [0]).ok).toBe(true);
  });

  it("gives a budget ballot the process's budget and each project's cost estimate", () => {
    const ballot = processBallot(rules({ kind: "budget", budget: 100 }), proposals.slice(0, 2));
    expect(ballot.method).toEqual({ kind: "budget", budget: 100, costs: [60, 50] });
    expect(validateBallot(ballot.method, 2, [0]).ok).toBe(true);
    expect(validateBallot(ballot.method, 2, [0, 1]).ok).toBe(false);
  });

  it("costs a project without an estimate 0 (proposalProblem keeps them out of budget processes)", () => {
    const ballot = processBallot(rules({ kind: "budget", budget: 100 }), proposals);
    expect(ballot.method).toEqual({ kind: "budget", budget: 100, costs: [60, 50, 0] });
  });

  it("refuses a ballot without proposals", () => {
    expect(() => processBallot(rules({ kind: "budget", budget: 100 }), [])).toThrow(RangeError);
  });
});
