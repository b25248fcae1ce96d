import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Markdown } from "@/app/_components/markdown";
import { ProcessPhases, ProcessRulesList } from "@/app/_components/process-phases";
import { ProposalForm } from "@/app/_components/proposal-form";
import { ProposalList } from "@/app/_components/proposal-list";
import { processPhaseAt } from "@/core/processes/process-rules";
import { serverApi } from "@/server/api/server-caller";
import { orNotFound } from "../../../../_lib/or-not-found";
import { artifactsFor, isCouncilOf } from "./_lib/load-participation";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; processId: string }> };

async function load({ params }: Props) {
  const { slug, processId } = await params;
  if (!z.uuid().safeParse(processId).success) notFound();
  const api = await serverApi();
  const [district, process] = await Promise.all([
    orNotFound(api.district.bySlug({ slug })),
    orNotFound(api.process.get({ processId })),
  ]);
  if (process.districtId !== district.id) notFound();
  return { district, process };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await load(props)).process.title };
}

const link = "text-brand-700 underline underline-offset-4";

/**
 * A participatory process: where it stands, its description, the rules it recorded at start, its
 * proposals (and the form to make one during the proposals phase), and its ballot once open.
 */
export default async function ProcessPage(props: Props) {
  const { district, process } = await load(props);
  const t = await getTranslations("processes");
  const tp = await getTranslations("participation");
  const api = await serverApi();
  const [list, isCouncil] = await Promise.all([
    api.proposal.list({ processId: process.id }),
    isCouncilOf(district.id),
  ]);
  // The server accepts proposals only when the ledger recorded the phase and the clock agrees.
  const proposing =
    process.phase === "proposals" && processPhaseAt(process.rules, new Date()) === "proposals";
  const artifacts =
    proposing && !isCouncil ? (process.census ? await artifactsFor(district.slug) : null) : null;
  const base = `/districts/${district.slug}/processes/${process.id}`;
  return (
    <article aria-labelledby="process-title" className="flex flex-col gap-4">
      <h2 id="process-title" className="text-2xl font-semibold">
        {process.title}
      </h2>
      <ProcessPhases rules={process.rules} />
      {process.description ? <Markdown source={process.description} /> : null}
      <section aria-labelledby="rules-title" className="flex flex-col gap-2">
        <h3 id="rules-title" className="text-xl font-semibold">
          {t("rules.title")}
        </h3>
        <p className="text-sm text-slate-700">{t("rules.intro")}</p>
        <ProcessRulesList rules={process.rules} startedEntry={process.startedEntry} />
      </section>

      {list.ballot ? (
        <section aria-labelledby="ballot-title" className="flex flex-col gap-2">
          <h3 id="ballot-title" className="text-xl font-semibold">
            {tp("ballot.title")}
          </h3>
          <p>
            <Link href={`/districts/${district.slug}/polls/${list.ballot.pollId}`} className={link}>
              {tp(`ballot.link.${list.ballot.status}`)}
            </Link>
          </p>
          {list.ballot.closedEntry ? (
            <p>
              <Link href={`/ledger/entries/${list.ballot.closedEntry}`} prefetch={false} className={link}>
                {tp("ballot.closedEntry", { index: list.ballot.closedEntry })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="proposals-title" className="flex flex-col gap-3">
        <h3 id="proposals-title" className="text-xl font-semibold">
          {tp("list.title")}
        </h3>
        {list.overdueEntry ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-900">
            {tp("overdueNotice")}{" "}
            <Link href={`/ledger/entries/${list.overdueEntry}`} prefetch={false} className={link}>
              {tp("entryLink", { index: list.overdueEntry })}
            </Link>
          </p>
        ) : null}
        <ProposalList proposals={list.proposals} threshold={process.rules.supportThreshold} base={base} />
      </section>

      {proposing ? (
        <ProposalForm
          processId={process.id}
          budget={process.rules.ballot.kind === "budget" ? process.rules.ballot.budget : null}
          proposalsPerResident={process.rules.proposalsPerResident}
          census={process.census ? { districtId: district.id } : null}
          artifacts={artifacts}
          district={{ slug: district.slug, name: district.name }}
          isCouncil={isCouncil}
          base={base}
        />
      ) : null}
    </article>
  );
}
