import { budgetSpent } from "../../../../../_lib/prover/ballot-from-choices";

/**
 * The projects ticked on a budget poll's page, kept as the ballot is spelled: project indices in
 * increasing order, each once, whatever the order of ticking.
 */
export function toggleProject(chosen: readonly number[], project: number, on: boolean): number[] {
  const set = new Set(chosen);
  if (on) set.add(project);
  else set.delete(project);
  return [...set].sort((a, b) => a - b);
}

export interface BudgetStatus {
  /** What the ticked projects cost together. */
  spent: number;
  /** What is left of the budget (negative when over it). */
  left: number;
  /** The selection costs more than the budget: it cannot be cast. */
  over: boolean;
}

/** Where a selection stands against the budget, for the live meter and the refusal. */
export function budgetStatus(
  method: { budget: number; costs: readonly number[] },
  chosen: readonly number[],
): BudgetStatus {
  const spent = budgetSpent(method.costs, chosen);
  return { spent, left: method.budget - spent, over: spent > method.budget };
}
