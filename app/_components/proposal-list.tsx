import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { TPublicProposalOut } from "@/server/api/routers/proposal-router";
import { ProposalBadges, ProposalSupports } from "./proposal-badges";

const link = "text-brand-700 underline underline-offset-4";

/** A process's proposals: title, category, cost, author, supports against the threshold, badges. */
export async function ProposalList({
  proposals,
  threshold,
  base,
}: {
  proposals: TPublicProposalOut[];
  threshold: number;
  /** /districts/<slug>/processes/<processId> */
  base: string;
}) {
  const t = await getTranslations("participation");
  const format = await getFormatter();
  if (proposals.length === 0) return <p>{t("list.none")}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {proposals.map((p) => (
        <li key={p.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
          <h4 className="text-lg font-semibold">
            <Link href={`${base}/proposals/${p.id}`} className={link}>
              {p.title ?? t("hiddenTitle")}
            </Link>
          </h4>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
            {p.category ? <span>{t("list.category", { category: p.category })}</span> : null}
            {p.costEstimate !== null ? (
              <span>{t("list.cost", { cost: format.number(p.costEstimate) })}</span>
            ) : null}
            {p.location ? <span>{t("list.location", { location: p.location })}</span> : null}
            <span>
              {p.author.kind === "council"
                ? t("author.council", { name: p.author.name })
                : t("author.anonymous")}
            </span>
            <span>{t("list.comments", { count: p.comments })}</span>
            <Link href={`/ledger/entries/${p.entryIndex}`} prefetch={false} className={link}>
              {t("entryLink", { index: p.entryIndex })}
            </Link>
          </p>
          <ProposalSupports count={p.supportCount} threshold={threshold} />
          <ProposalBadges proposal={p} />
        </li>
      ))}
    </ul>
  );
}
