import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { TPublicProposalOut } from "@/server/api/routers/proposal-router";

const link = "underline underline-offset-4";
const badge = "inline-flex items-center gap-1 rounded border px-2 py-0.5 text-sm font-semibold";

/** "3 of 5 supports" with a progress bar that reads the same to a screen reader. */
export async function ProposalSupports({ count, threshold }: { count: number; threshold: number }) {
  const t = await getTranslations("participation");
  const text = t("supports", { count, threshold });
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm font-medium" data-testid="supports">
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={t("supportsLabel")}
        aria-valuemin={0}
        aria-valuemax={threshold}
        aria-valuenow={Math.min(count, threshold)}
        aria-valuetext={text}
        className="h-2 w-full max-w-xs overflow-hidden rounded bg-slate-200"
      >
        <div
          className="h-full bg-brand-600"
          style={{ width: `${threshold > 0 ? Math.min(100, Math.round((count / threshold) * 100)) : 0}%` }}
        />
      </div>
    </div>
  );
}

/** On the ballot, the council's response status, response overdue, hidden by the council. */
export async function ProposalBadges({ proposal: p }: { proposal: TPublicProposalOut }) {
  const t = await getTranslations("participation");
  const items = [
    p.advancedEntry ? (
      <li key="ballot" className={`${badge} border-green-700 bg-green-50 text-green-900`}>
        {t("badge.onBallot")}
        <Link href={`/ledger/entries/${p.advancedEntry}`} prefetch={false} className={link}>
          {t("entryLink", { index: p.advancedEntry })}
        </Link>
      </li>
    ) : null,
    p.status ? (
      <li key="status" className={`${badge} border-brand-700 bg-brand-50 text-brand-700`}>
        {t("badge.status", { status: t(`status.${p.status}`) })}
      </li>
    ) : null,
    p.overdue ? (
      <li key="overdue" className={`${badge} border-amber-700 bg-amber-50 text-amber-900`}>
        {t("badge.overdue")}
      </li>
    ) : null,
    p.answeredLate ? (
      <li key="late" className={`${badge} border-slate-500 bg-slate-50 text-slate-800`}>
        {t("badge.answeredLate")}
      </li>
    ) : null,
    p.hidden ? (
      <li key="hidden" className={`${badge} border-red-700 bg-red-50 text-red-900`}>
        {t("badge.hidden", { reason: p.hiddenReason ?? "" })}
        {p.moderationEntry ? (
          <Link href={`/ledger/entries/${p.moderationEntry}`} prefetch={false} className={link}>
            {t("entryLink", { index: p.moderationEntry })}
          </Link>
        ) : null}
      </li>
    ) : null,
  ].filter(Boolean);
  if (items.length === 0) return null;
  return <ul className="flex flex-wrap gap-2">{items}</ul>;
}
