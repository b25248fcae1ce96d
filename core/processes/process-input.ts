import { z } from "zod";
import { PROCESS_LIMITS, PROCESS_PHASES, processRulesProblem, type TProcessRules } from "./process-rules";

/**
 * A process as a council member enters it: title, description (markdown), the six instants that
 * bound the five back-to-back phases (`boundaries[i]` starts phase i, the last one ends the
 * follow-up), the response deadline, the limits and the ballot. `processRulesFromInput` turns it
 * into the rules the ledger records.
 */
export const ZProcessInput = z.object({
  title: z.string().trim().min(3, "at least 3 characters").max(200),
  description: z.string().trim().max(10_000).default(""),
  boundaries: z.array(z.coerce.date()).length(PROCESS_PHASES.length + 1),
  responseDeadline: z.coerce.date(),
  proposalsPerResident: z.number().int(),
  commentsPerResident: z.number().int(),
  supportThreshold: z.number().int(),
  ballot: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("ranked"), maxRanks: z.number().int() }),
    z.object({ kind: z.literal("budget"), budget: z.number().int() }),
  ]),
});
export type TProcessInput = z.input<typeof ZProcessInput>;

/** The rules of an entered process, or the first problem with them (processRulesProblem). */
export function processRulesFromInput(
  input: z.output<typeof ZProcessInput>,
): { ok: true; rules: TProcessRules } | { ok: false; problem: string } {
  const b = input.boundaries;
  if (b.some((d) => Number.isNaN(d.getTime()))) return { ok: false, problem: "every phase needs a date" };
  const rules: TProcessRules = {
    phases: PROCESS_PHASES.map((kind, i) => ({
      kind,
      startsAt: (b[i] as Date).toISOString(),
      endsAt: (b[i + 1] as Date).toISOString(),
    })),
    proposalsPerResident: input.proposalsPerResident,
    commentsPerResident: input.commentsPerResident,
    supportThreshold: input.supportThreshold,
    responseDeadline: input.responseDeadline.toISOString(),
    ballot: input.ballot,
  };
  const negative = [rules.proposalsPerResident, rules.commentsPerResident, rules.supportThreshold].some(
    (n) => n < 0,
  );
  const problem = negative ? "limits cannot be negative" : processRulesProblem(rules);
  return problem ? { ok: false, problem } : { ok: true, rules };
}

export { PROCESS_LIMITS };
