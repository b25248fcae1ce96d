import { type TBallotMethod, validateBallot } from "@/core/ballot";

export type BallotFromChoices =
  | { ok: true; ballot: number[] }
  | { ok: false; problem: "none" | "tooFew" | "tooMany" | "invalid" };

/**
 * The canonical ballot for the options a resident ticked: option indices in increasing order,
 * each once (the server refuses any other spelling, so one choice always gives one message). The
 * problems a form can show in words come first; validateBallot is the final word.
 */
export function ballotFromChoices(
  method: TBallotMethod,
  optionCount: number,
  choices: Iterable<number>,
): BallotFromChoices {
  const ballot = [...new Set(choices)].sort((a, b) => a - b);
  if (ballot.length === 0) return { ok: false, problem: "none" };
  if (method.kind === "single" && ballot.length > 1) return { ok: false, problem: "tooMany" };
  if (method.kind === "approval") {
    if (ballot.length < method.min) return { ok: false, problem: "tooFew" };
    if (ballot.length > method.max) return { ok: false, problem: "tooMany" };
  }
  return validateBallot(method, optionCount, ballot).ok
    ? { ok: true, ballot }
    : { ok: false, problem: "invalid" };
}
