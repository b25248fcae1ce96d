import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { processPhaseAt, type TProcessRules } from "@/core/processes/process-rules";
import { CouncilLocalTime } from "./council-local-time";

/**
 * Where a process stands: its five phases in order with their dates, the current one marked
 * (aria-current="step") and announced in words, so the timeline reads the same without colour.
 */
export async function ProcessPhases({ rules, now = new Date() }: { rules: TProcessRules; now?: Date }) {
  const t = await getTranslations("processes");
  const current = processPhaseAt(rules, now);
  return (
    <div className="flex flex-col gap-2">
      <p className="font-medium" data-testid="process-stage">
        {current === "upcoming" || current === "ended"
          ? t(`stage.${current}`)
          : t("stage.now", { phase: t(`phase.${current}`) })}
      </p>
      <ol className="flex flex-col gap-2 md:flex-row">
        {rules.phases.map((phase) => {
          const isCurrent = phase.kind === current;
          return (
            <li
              key={phase.kind}
              aria-current={isCurrent ? "step" : undefined}
              className="flex flex-1 flex-col rounded border border-slate-300 p-2 text-sm aria-[current=step]:border-brand-700 aria-[current=step]:bg-brand-50"
            >
              <span className="font-semibold">
                {t(`phase.${phase.kind}`)}
                {isCurrent ? <span className="sr-only"> ({t("currentPhase")})</span> : null}
              </span>
              <span>
                <CouncilLocalTime date={phase.startsAt} />
              </span>
              <span>
                – <CouncilLocalTime date={phase.endsAt} />
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The rules a process recorded when it started, as a definition list. */
export async function ProcessRulesList({
  rules,
  startedEntry,
}: {
  rules: TProcessRules;
  startedEntry: string;
}) {
  const t = await getTranslations("processes");
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
      <dt className="font-medium">{t("rules.proposalsPerResident")}</dt>
      <dd>{rules.proposalsPerResident}</dd>
      <dt className="font-medium">{t("rules.supportThreshold")}</dt>
      <dd>{rules.supportThreshold}</dd>
      <dt className="font-medium">{t("rules.commentsPerResident")}</dt>
      <dd>{rules.commentsPerResident}</dd>
      <dt className="font-medium">{t("rules.ballot")}</dt>
      <dd>
        {rules.ballot.kind === "ranked"
          ? t("rules.ranked", { maxRanks: rules.ballot.maxRanks })
          : t("rules.budget", { budget: rules.ballot.budget })}
      </dd>
      <dt className="font-medium">{t("rules.responseDeadline")}</dt>
      <dd>
        <CouncilLocalTime date={rules.responseDeadline} />
      </dd>
      <dt className="font-medium">{t("rules.ledger")}</dt>
      <dd>
        <a href={`/ledger/entries/${startedEntry}`} className="text-brand-700 underline underline-offset-4">
          {t("rules.ledgerEntry", { index: startedEntry })}
        </a>
      </dd>
    </dl>
  );
}

/** A process in a list: its title, linking to its public page, and where it stands. */
export async function ProcessCard({
  process,
  districtSlug,
}: {
  process: { id: string; title: string; rules: TProcessRules };
  districtSlug: string;
}) {
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-xl font-semibold">
        <Link
          href={`/districts/${districtSlug}/processes/${process.id}`}
          className="text-brand-700 underline underline-offset-4"
        >
          {process.title}
        </Link>
      </h3>
      <ProcessPhases rules={process.rules} />
    </li>
  );
}
