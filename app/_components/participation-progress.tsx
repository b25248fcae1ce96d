"use client";

import { useTranslations } from "next-intl";
import { type TVoteStage, VOTE_STAGES } from "../_lib/prover/prover-protocol";

/**
 * Where an anonymous act is (proposal, support, comment): a polite live region mounted before the
 * first step, announcing each step, and while working a progress bar with the list of steps.
 */
export function ParticipationProgress({ stage, label }: { stage: TVoteStage | null; label: string }) {
  const t = useTranslations("participation.progress");
  const current = stage ? VOTE_STAGES.indexOf(stage) : -1;
  const stepText = (s: TVoteStage) =>
    t("step", { current: VOTE_STAGES.indexOf(s) + 1, total: VOTE_STAGES.length, step: t(`stages.${s}`) });
  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {stage ? stepText(stage) : ""}
      </p>
      {stage ? (
        <div className="flex flex-col gap-2 rounded border border-brand-600 bg-white p-3">
          <div
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={VOTE_STAGES.length}
            aria-valuenow={current + 1}
            aria-valuetext={t(`stages.${stage}`)}
            className="h-2 w-full overflow-hidden rounded bg-slate-200"
          >
            <div
              className="h-full bg-brand-600 transition-all"
              style={{ width: `${Math.round(((current + 0.5) / VOTE_STAGES.length) * 100)}%` }}
            />
          </div>
          <p className="font-medium">{stepText(stage)}</p>
        </div>
      ) : null}
    </>
  );
}
