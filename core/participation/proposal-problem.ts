import type { TProcessRules } from "../processes/process-rules";
import type { TProposalContent } from "./content-message";

/**
 * Why a proposal cannot enter this process, or null. In a budget process every proposal needs a
 * cost estimate (the ballot funds projects by their cost) that fits within the whole budget; a
 * ranked process takes an estimate but does not need one. The browser form, the server and the
 * verifier apply this one function.
 */
export function proposalProblem(
  rules: Pick<TProcessRules, "ballot">,
  content: TProposalContent,
): string | null {
  if (content.title.trim().length === 0) return "the title must not be empty";
  if (rules.ballot.kind !== "budget") return null;
  if (content.costEstimate === null || content.costEstimate < 1)
    return "a proposal in a budget process needs a cost estimate";
  if (content.costEstimate > rules.ballot.budget)
    return `the cost estimate ${content.costEstimate} is over the whole budget of ${rules.ballot.budget}`;
  return null;
}
