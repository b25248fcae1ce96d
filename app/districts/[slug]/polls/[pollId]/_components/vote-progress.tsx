"use client";

import { useTranslations } from "next-intl";
import { ProofProgressBar } from "@/app/_components/proof-progress-bar";
import { type TVoteStage, VOTE_STAGES } from "../../../../../_lib/prover/prover-protocol";

/** "Step 2 of 5: finding your place in it". */
function useStepText() {
  const t = useTranslations("resident.vote");
  return (stage: TVoteStage) =>
    t("step", {
      current: VOTE_STAGES.indexOf(stage) + 1,
      total: VOTE_STAGES.length,
      step: t(`stages.${stage}`),
    });
}

/**
 * The polite live region that announces each step of making a vote as it starts. It must be in
 * the page BEFORE the first step (empty until then): a screen reader announces changes to a live
 * region it already knows, not the content of one that appears already filled, so the voting panel
 * keeps this mounted and only its text changes.
 */
export function VoteStageAnnouncer({ stage }: { stage: TVoteStage | null }) {
  const stepText = useStepText();
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {stage ? stepText(stage) : ""}
    </p>
  );
}

/**
 * Where the making of a vote is: a progress bar (its value the step number shown, its text the
 * step) and the list of steps. Steps are announced by VoteStageAnnouncer, not from here, since
 * this appears only once the first step has begun.
 */
export function VoteProgress({ stage }: { stage: TVoteStage }) {
  const t = useTranslations("resident.vote");
  const stepText = useStepText();
  const current = VOTE_STAGES.indexOf(stage);
  return (
    <div className="flex flex-col gap-2 rounded border border-brand-600 bg-white p-3">
      <ProofProgressBar
        stage={stage}
        label={t("progressLabel")}
        stageText={t(`stages.${stage}`)}
        stepText={stepText(stage)}
      />
      <ol className="flex flex-col gap-1 text-sm">
        {VOTE_STAGES.map((s, i) => (
          <li
            key={s}
            aria-current={i === current ? "step" : undefined}
            className={i < current ? "text-slate-700" : ""}
          >
            {t(i < current ? "stepDone" : i === current ? "stepNow" : "stepLater", {
              step: t(`stages.${s}`),
            })}
          </li>
        ))}
      </ol>
    </div>
  );
}
