import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Markdown } from "@/app/_components/markdown";
import { ProposalBadges, ProposalSupports } from "@/app/_components/proposal-badges";
import { ProposalComments } from "@/app/_components/proposal-comments";
import { ProposalModerate } from "@/app/_components/proposal-moderate";
import { ProposalRespond } from "@/app/_components/proposal-respond";
import { ProposalSupport } from "@/app/_components/proposal-support";
import { processPhaseAt } from "@/core/processes/process-rules";
import { serverApi } from "@/server/api/server-caller";
import { orNotFound } from "../../../../../../_lib/or-not-found";
import { artifactsFor, isCouncilOf } from "../../_lib/load-participation";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; processId: string; proposalId: string }> };

async function load({ params }: Props) {
  const { slug, processId, proposalId } = await params;
  if (!z.uuid().safeParse(processId).success || !z.uuid().safeParse(proposalId).success) notFound();
  const api = await serverApi();
  const [district, process, detail] = await Promise.all([
    orNotFound(api.district.bySlug({ slug })),
    orNotFound(api.process.get({ processId })),
    orNotFound(api.proposal.get({ proposalId })),
  ]);
  if (process.districtId !== district.id || detail.proposal.processId !== process.id) notFound();
  return {
    district,
    process,
    proposal: detail.proposal,
    responses: detail.responses,
    comments: detail.comments,
  };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const t = await getTranslations("participation");
  return { title: (await load(props)).proposal.title ?? t("hiddenTitle") };
}

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const link = "text-brand-700 underline underline-offset-4";

/**
 * One proposal: its text, supports against the threshold (and the Support button in the support
 * phase), the council's responses, the comment threads, and the council's tools.
 */
export default async function ProposalPage(props: Props) {
  const { district, process, proposal, responses, comments } = await load(props);
  const t = await getTranslations("participation");
  const format = await getFormatter();
  const isCouncil = await isCouncilOf(district.id);
  const supporting = process.phase === "support" && processPhaseAt(process.rules, new Date()) === "support";
  const artifacts = isCouncil ? null : process.census ? await artifactsFor(district.slug) : null;
  const census = process.census ? { districtId: district.id } : null;
  const title = proposal.title ?? t("hiddenTitle");
  const base = `/districts/${district.slug}/processes/${process.id}`;
  return (
    <article aria-labelledby="proposal-title" className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <p>
          <Link href={base} className={link}>
            {t("back", { process: process.title })}
          </Link>
        </p>
        <h2 id="proposal-title" className="text-2xl font-semibold">
          {title}
        </h2>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <span>
            {proposal.author.kind === "council"
              ? t("author.council", { name: proposal.author.name })
              : t("author.anonymous")}
          </span>
          {proposal.category ? <span>{t("list.category", { category: proposal.category })}</span> : null}
          {proposal.costEstimate !== null ? (
            <span>{t("list.cost", { cost: format.number(proposal.costEstimate) })}</span>
          ) : null}
          {proposal.location ? <span>{t("list.location", { location: proposal.location })}</span> : null}
          <Link href={`/ledger/entries/${proposal.entryIndex}`} prefetch={false} className={link}>
            {t("entryLink", { index: proposal.entryIndex })}
          </Link>
        </p>
        <ProposalBadges proposal={proposal} />
        {isCouncil ? (
          <ProposalModerate
            target={{ kind: "proposal", id: proposal.id }}
            hidden={proposal.hidden}
            name={title}
          />
        ) : null}
      </header>

      {proposal.body ? <Markdown source={proposal.body} /> : null}

      <section aria-labelledby="supports-title" className={card}>
        <h3 id="supports-title" className="text-xl font-semibold">
          {t("supportsTitle")}
        </h3>
        <ProposalSupports count={proposal.supportCount} threshold={process.rules.supportThreshold} />
      </section>

      {supporting && !isCouncil && !proposal.hidden ? (
        <ProposalSupport
          proposalId={proposal.id}
          threshold={process.rules.supportThreshold}
          census={census}
          artifacts={artifacts}
          district={{ slug: district.slug, name: district.name }}
        />
      ) : null}

      <section aria-labelledby="responses-title" className={card}>
        <h3 id="responses-title" className="text-xl font-semibold">
          {t("responses.title")}
        </h3>
        {proposal.overdue ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900">
            {t("responses.overdue")}
          </p>
        ) : null}
        {responses.length === 0 ? (
          <p>{t("responses.none")}</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {responses.map((r) => (
              <li key={r.entryIndex} className="flex flex-col gap-1 border-l-4 border-brand-600 pl-3">
                <p className="font-semibold">{t(`status.${r.status}`)}</p>
                <p className="text-sm text-slate-700">
                  {t("responses.by", { name: r.authorName })}{" "}
                  <time dateTime={r.createdAt.toISOString()}>
                    {format.dateTime(r.createdAt, { dateStyle: "long", timeStyle: "short" })}
                  </time>{" "}
                  <Link href={`/ledger/entries/${r.entryIndex}`} prefetch={false} className={link}>
                    {t("entryLink", { index: r.entryIndex })}
                  </Link>
                </p>
                {r.body ? <Markdown source={r.body} /> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {isCouncil ? (
        <ProposalRespond proposalId={proposal.id} previous={responses.map((r) => r.status)} />
      ) : null}

      <ProposalComments
        comments={comments}
        proposalId={proposal.id}
        commentsPerResident={process.rules.commentsPerResident}
        census={census}
        artifacts={artifacts}
        district={{ slug: district.slug, name: district.name }}
        isCouncil={isCouncil}
        open={!proposal.hidden && (isCouncil || process.rules.commentsPerResident > 0)}
      />
    </article>
  );
}
