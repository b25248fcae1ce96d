import type { TBallotMethod } from "../ballot/validate-ballot";
import type { TProcessRules } from "../processes/process-rules";

/** A proposal that reached the ballot, as the ballot needs it. */
export interface TBallotProposal {
  readonly proposalId: string;
  readonly title: string;
  readonly costEstimate: number | null;
}

/**
 * The ballot a process opens when its ballot phase begins: one option per proposal that advanced,
 * in the order they advanced, counted by the process's recorded method. Ranked ballots let a
 * resident rank up to maxRanks of them (never more than there are); budget ballots carry each
 * project's cost estimate and the budget. The server opens the poll with this and the observer's
 * verifier recomputes it, so the ballot's options and method are themselves a recorded rule.
 */
export function processBallot(
  rules: TProcessRules,
  proposals: readonly TBallotProposal[],
): { options: string[]; method: TBallotMethod; proposalIds: string[] } {
  if (proposals.length === 0) throw new RangeError("a ballot needs at least one proposal");
  const options = proposals.map((p) => p.title);
  const proposalIds = proposals.map((p) => p.proposalId);
  const method: TBallotMethod =
    rules.ballot.kind === "ranked"
      ? { kind: "ranked", maxRanks: Math.min(rules.ballot.maxRanks, proposals.length) }
      : { kind: "budget", budget: rules.ballot.budget, costs: proposals.map((p) => p.costEstimate ?? 0) };
  return { options, method, proposalIds };
}
