"use client";

import { useTranslations } from "next-intl";
import { type TVoteStage, VOTE_STAGES } from "../_lib/prover/prover-protocol";
import { ProofProgressBar } from "./proof-progress-bar";

/**
 * Where an anonymous act is (proposal, support, comment): a polite live region mounted before the
 * first step, announcing each step, and while working a progress bar with the list of steps.
 */
export function ParticipationProgress({ stage, label }: { stage: TVoteStage | null; label: string }) {
  const t = useTranslations("participation.progress");
  const stepText = (s: TVoteStage) =>
    t("step", { current: VOTE_STAGES.indexOf(s) + 1, total: VOTE_STAGES.length, step: t(`stages.${s}`) });
  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {stage ? stepText(stage) : ""}
      </p>
      {stage ? (
        <div className="flex flex-col gap-2 rounded border border-brand-600 bg-white p-3">
          <ProofProgressBar
            stage={stage}
            label={label}
            stageText={t(`stages.${stage}`)}
            stepText={stepText(stage)}
          />
        </div>
      ) : null}
    </>
  );
}
