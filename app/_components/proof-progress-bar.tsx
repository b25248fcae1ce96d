import { type TVoteStage, VOTE_STAGES } from "../_lib/prover/prover-protocol";

/**
 * The bar both proving flows show (a vote, a process's anonymous act): its value the step number,
 * its text the step, and the step written out below it. The callers bring their own wording.
 */
export function ProofProgressBar({
  stage,
  label,
  stageText,
  stepText,
}: {
  stage: TVoteStage;
  /** The bar's accessible name, e.g. "Preparing your anonymous vote". */
  label: string;
  /** The current step alone ("making the zero-knowledge proof"). */
  stageText: string;
  /** The current step with its number ("Step 4 of 5: making the zero-knowledge proof"). */
  stepText: string;
}) {
  const current = VOTE_STAGES.indexOf(stage);
  return (
    <>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={VOTE_STAGES.length}
        aria-valuenow={current + 1}
        aria-valuetext={stageText}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className="h-full bg-brand-600 transition-all"
          style={{ width: `${Math.round(((current + 0.5) / VOTE_STAGES.length) * 100)}%` }}
        />
      </div>
      <p className="font-medium">{stepText}</p>
    </>
  );
}
