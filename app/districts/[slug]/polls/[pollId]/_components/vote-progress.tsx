"use client";

import { useTranslations } from "next-intl";
import { type TVoteStage, VOTE_STAGES } from "../../../../../_lib/prover/prover-protocol";

/**
 * Where the making of a vote is: a progress bar (its value the step number, its text the step)
 * and the list of steps. The current step's name is also announced through a polite live region,
 * so a screen reader hears each step once as it starts.
 */
export function VoteProgress({ stage }: { stage: TVoteStage }) {
  const t = useTranslations("resident.vote");
  const current = VOTE_STAGES.indexOf(stage);
  return (
    <div className="flex flex-col gap-2 rounded border border-brand-600 bg-white p-3">
      <div
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={VOTE_STAGES.length}
        aria-valuenow={current}
        aria-valuetext={t(`stages.${stage}`)}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className="h-full bg-brand-600 transition-all"
          style={{ width: `${Math.round(((current + 0.5) / VOTE_STAGES.length) * 100)}%` }}
        />
      </div>
      <p role="status" aria-live="polite" className="font-medium">
        {t("step", { current: current + 1, total: VOTE_STAGES.length, step: t(`stages.${stage}`) })}
      </p>
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
