import { z } from "zod";
import { ZCount, ZInstant } from "../entries/entry-fields";

/**
 * The phases of a participatory process, always in this order and back to back: residents file
 * proposals, then support them (a proposal reaching the support threshold goes to the ballot),
 * then vote on the ballot, then the results stand while the council responds, then the accepted
 * proposals are followed up.
 */
export const PROCESS_PHASES = ["proposals", "support", "ballot", "results", "follow_up"] as const;
export type TProcessPhase = (typeof PROCESS_PHASES)[number];

/**
 * The council's answer to a proposal (accepted, rejected with reasons, in progress), then its
 * implementation updates (in progress, implemented).
 */
export const RESPONSE_STATUSES = ["accepted", "rejected", "in_progress", "implemented"] as const;
export type TResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** How a process's ballot counts (core/ballot tallyPoll): ranked choice or a budget to spend. */
export const ZProcessBallot = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ranked"), maxRanks: ZCount }),
  z.strictObject({ kind: z.literal("budget"), budget: ZCount }),
]);

/**
 * Every rule of a process, recorded in its process_started ledger entry when it starts and never
 * changed afterwards: the phase dates, how many proposals and comments each resident may file
 * (each a zero-knowledge proof with its own slot in the scope), the support threshold that sends a
 * proposal to the ballot, the deadline for the council's response to every proposal that passed,
 * and the ballot method.
 */
export const ZProcessRules = z.strictObject({
  phases: z
    .array(z.strictObject({ kind: z.enum(PROCESS_PHASES), startsAt: ZInstant, endsAt: ZInstant }))
    .length(PROCESS_PHASES.length),
  proposalsPerResident: ZCount,
  commentsPerResident: ZCount,
  supportThreshold: ZCount,
  responseDeadline: ZInstant,
  ballot: ZProcessBallot,
});
export type TProcessRules = z.infer<typeof ZProcessRules>;

export const PROCESS_LIMITS = {
  proposalsPerResident: { min: 1, max: 20 },
  commentsPerResident: { min: 0, max: 100 },
  supportThreshold: { min: 1, max: 1_000_000 },
  maxRanks: { min: 1, max: 64 },
  budget: { min: 1, max: 1_000_000_000_000 },
} as const;

/**
 * Why a process's rules cannot be right, or null: the phases in PROCESS_PHASES order, each of
 * positive length and starting where the previous one ends; limits within PROCESS_LIMITS; the
 * response deadline no earlier than the start of the results phase. The council form, the
 * server and the observer's verifier all apply this one function.
 */
export function processRulesProblem(rules: TProcessRules): string | null {
  for (const [i, phase] of rules.phases.entries()) {
    if (phase.kind !== PROCESS_PHASES[i])
      return `phase ${i + 1} must be ${PROCESS_PHASES[i]}, not ${phase.kind}`;
    if (!(Date.parse(phase.startsAt) < Date.parse(phase.endsAt)))
      return `the ${phase.kind} phase must end after it starts`;
    const previous = rules.phases[i - 1];
    if (previous && previous.endsAt !== phase.startsAt)
      return `the ${phase.kind} phase must start when the ${previous.kind} phase ends`;
  }
  const within = (value: number, name: keyof typeof PROCESS_LIMITS) => {
    const { min, max } = PROCESS_LIMITS[name];
    return value >= min && value <= max ? null : `${name} must be from ${min} to ${max}`;
  };
  const problem =
    within(rules.proposalsPerResident, "proposalsPerResident") ??
    within(rules.commentsPerResident, "commentsPerResident") ??
    within(rules.supportThreshold, "supportThreshold") ??
    (rules.ballot.kind === "ranked"
      ? within(rules.ballot.maxRanks, "maxRanks")
      : within(rules.ballot.budget, "budget"));
  if (problem) return problem;
  const results = rules.phases[3];
  if (results && Date.parse(rules.responseDeadline) < Date.parse(results.startsAt))
    return "the response deadline must not be before the results phase starts";
  return null;
}

/** Where a process stands at `now`: its current phase, or before its first / after its last. */
export function processPhaseAt(rules: TProcessRules, now: Date): TProcessPhase | "upcoming" | "ended" {
  const t = now.getTime();
  const first = rules.phases[0];
  if (first && t < Date.parse(first.startsAt)) return "upcoming";
  for (const phase of rules.phases) if (t < Date.parse(phase.endsAt)) return phase.kind;
  return "ended";
}
