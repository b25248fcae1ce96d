import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { CouncilDistrictHeader, CouncilOnly } from "@/app/_components/council-district-header";
import { CouncilLocalTime } from "@/app/_components/council-local-time";
import { CouncilPollForm } from "@/app/_components/council-poll-form";
import { CouncilPollBadge, CouncilPollExplanation } from "@/app/_components/council-poll-status";
import { Markdown } from "@/app/_components/markdown";
import { orNotFound } from "@/app/_lib/or-not-found";
import { serverApi } from "@/server/api/server-caller";
import { councilDistrict } from "../../../../_lib/council-district";
import { councilPollPhase, isEditablePhase } from "../../../../_lib/poll-phase";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; pollId: string }> };

async function load(slug: string, pollId: string) {
  if (!z.uuid().safeParse(pollId).success) notFound();
  const { district, member } = await councilDistrict(slug, `/dashboard/districts/${slug}/polls/${pollId}`);
  const poll = await orNotFound((await serverApi()).poll.get({ pollId }));
  if (poll.districtId !== district.id) notFound();
  return { district, member, poll };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, pollId } = await params;
  const { poll } = await load(slug, pollId);
  return { title: poll.title };
}

export default async function CouncilPollPage({ params }: Props) {
  const { slug, pollId } = await params;
  const { district, member, poll } = await load(slug, pollId);
  const t = await getTranslations("councilPolls");
  const header = <CouncilDistrictHeader district={district} title={poll.title} current="polls" />;
  if (!member)
    return (
      <div className="flex flex-col gap-6">
        {header}
        <CouncilOnly district={district} />
      </div>
    );

  const summary = await (await serverApi()).census.summary({ districtSlug: slug });
  const phase = councilPollPhase(poll, new Date());
  // Only a plain poll is ever edited (a process's ballot opens the moment it is made).
  const { method } = poll;
  const editable =
    isEditablePhase(phase) && (method.kind === "single" || method.kind === "approval")
      ? { ...poll, method }
      : null;
  const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <div className="flex flex-col gap-8">
      {header}
      <section aria-labelledby="state-title" className={card}>
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="state-title" className="text-2xl font-semibold">
            {t("stateTitle")}
          </h2>
          <CouncilPollBadge phase={phase} />
        </div>
        <CouncilPollExplanation phase={phase} poll={poll} activeMembers={summary.activeMembers} />
        {phase === "open" || phase === "closed" ? <p className="font-medium">{t("locked")}</p> : null}
        {poll.frozenRoot !== null ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="font-medium">{t("frozenCensus")}</dt>
            <dd>{t("frozenCensusValue", { size: poll.censusSize ?? 0, depth: poll.depth ?? 0 })}</dd>
            <dt className="font-medium">{t("frozenRoot")}</dt>
            <dd className="font-mono break-all">{poll.frozenRoot}</dd>
            <dt className="font-medium">{t("scope")}</dt>
            <dd className="font-mono break-all">{poll.scope}</dd>
          </dl>
        ) : null}
      </section>

      {editable ? (
        <section aria-labelledby="edit-title" className={card}>
          <h2 id="edit-title" className="text-2xl font-semibold">
            {t("editTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("editHint")}</p>
          <CouncilPollForm districtId={district.id} activeMembers={summary.activeMembers} poll={editable} />
        </section>
      ) : (
        <section aria-labelledby="rules-title" className={card}>
          <h2 id="rules-title" className="text-2xl font-semibold">
            {t("rulesTitle")}
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            <dt className="font-medium">{t("opensAt")}</dt>
            <dd>
              <CouncilLocalTime date={poll.opensAt} />
            </dd>
            <dt className="font-medium">{t("closesAt")}</dt>
            <dd>
              <CouncilLocalTime date={poll.closesAt} />
            </dd>
            <dt className="font-medium">{t("method")}</dt>
            <dd>
              {poll.method.kind === "approval"
                ? t("methodApprovalSummary", { min: poll.method.min, max: poll.method.max })
                : t("methodSingle")}
            </dd>
            <dt className="font-medium">{t("minAnonymitySet")}</dt>
            <dd>{poll.minAnonymitySet}</dd>
          </dl>
          <h3 className="text-lg font-semibold">{t("options")}</h3>
          <ol className="list-decimal pl-6">
            {poll.options.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ol>
          <h3 className="text-lg font-semibold">{t("description")}</h3>
          {poll.description ? <Markdown source={poll.description} /> : <p>{t("noDescription")}</p>}
        </section>
      )}
    </div>
  );
}
