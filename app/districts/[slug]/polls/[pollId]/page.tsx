import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { serverApi } from "@/server/api/server-caller";
import { Markdown } from "../../../../_components/markdown";
import { orNotFound } from "../../../../_lib/or-not-found";
import { VotePanel } from "./_components/vote-panel";

export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string; pollId: string }>;

async function loadPoll(params: Params) {
  const { slug, pollId } = await params;
  if (!z.uuid().safeParse(pollId).success) notFound();
  const api = await serverApi();
  const [district, poll] = await Promise.all([
    orNotFound(api.district.bySlug({ slug })),
    orNotFound(api.poll.get({ pollId })),
  ]);
  if (poll.districtId !== district.id) notFound();
  return { district, poll };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { poll } = await loadPoll(params);
  return { title: poll.title };
}

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const link = "text-brand-700 underline underline-offset-4";
const mono = "break-all font-mono text-sm";
// Intl refuses dateStyle/timeStyle together with timeZoneName, so the fields are spelled out.
const WHEN = {
  weekday: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const;

export default async function PollPage({ params }: { params: Params }) {
  const { district, poll } = await loadPoll(params);
  const t = await getTranslations("resident.poll");
  const format = await getFormatter();
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, WHEN)}</time>;
  const base = `/districts/${district.slug}/polls`;
  const open = poll.status === "open" && poll.scope && poll.frozenRoot && poll.depth && poll.openedEntry;
  const artifacts = open ? await (await serverApi()).poll.artifacts({ depth: poll.depth as number }) : null;
  const { method } = poll;
  const methodText =
    method.kind === "approval"
      ? t("methodApproval", { min: method.min, max: method.max })
      : method.kind === "ranked"
        ? t("methodRanked", { max: method.maxRanks })
        : method.kind === "budget"
          ? t("methodBudget", { budget: format.number(method.budget) })
          : t("methodSingle");

  return (
    <article aria-labelledby="poll-title" className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <p>
          <Link href={base} className={link}>
            {t("back", { district: district.name })}
          </Link>
        </p>
        <h2 id="poll-title" className="text-2xl font-semibold">
          {poll.title}
        </h2>
        <p className="font-medium">{t(`status.${poll.status}`)}</p>
        {poll.processId ? (
          <p>
            {t.rich("processBallot", {
              link: (chunks) => (
                <Link href={`/districts/${district.slug}/processes/${poll.processId}`} className={link}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : null}
        {poll.description ? <Markdown source={poll.description} /> : null}
      </header>

      <section aria-labelledby="options-title" className={card}>
        <h3 id="options-title" className="text-xl font-semibold">
          {t("options")}
        </h3>
        <ol className="list-decimal pl-6">
          {poll.options.map((o, i) => (
            <li key={o}>
              {o}
              {method.kind === "budget" ? (
                <span className="text-slate-700">
                  {" "}
                  · {t("cost", { cost: format.number(method.costs[i] ?? 0) })}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {open && artifacts ? (
        <VotePanel
          poll={{
            id: poll.id,
            title: poll.title,
            options: poll.options,
            method: poll.method,
            scope: poll.scope as string,
            frozenRoot: poll.frozenRoot as string,
            depth: poll.depth as number,
            openedEntry: poll.openedEntry as string,
          }}
          district={{ id: district.id, slug: district.slug, name: district.name }}
          artifacts={artifacts}
        />
      ) : poll.status === "scheduled" ? (
        <section aria-labelledby="vote-title" className={card}>
          <h3 id="vote-title" className="text-xl font-semibold">
            {t("voteTitle")}
          </h3>
          <p>{t("notOpenYet", { minimum: poll.minAnonymitySet })}</p>
        </section>
      ) : poll.status === "closed" ? (
        <section aria-labelledby="vote-title" className={card}>
          <h3 id="vote-title" className="text-xl font-semibold">
            {t("voteTitle")}
          </h3>
          <p>{t("closed")}</p>
          <p>
            <Link href={`${base}/${poll.id}/results`} className={link}>
              {t("results")}
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="rules-title" className={card}>
        <h3 id="rules-title" className="text-xl font-semibold">
          {t("rules")}
        </h3>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("method")}</dt>
          <dd>{methodText}</dd>
          <dt className="font-medium">{t("opens")}</dt>
          <dd>{when(poll.opensAt)}</dd>
          <dt className="font-medium">{t("closes")}</dt>
          <dd>{when(poll.closesAt)}</dd>
          <dt className="font-medium">{t("minAnonymitySet")}</dt>
          <dd>{t("members", { count: poll.minAnonymitySet })}</dd>
          {poll.censusSize !== null ? (
            <>
              <dt className="font-medium">{t("censusSize")}</dt>
              <dd>{t("members", { count: poll.censusSize })}</dd>
            </>
          ) : null}
          {poll.frozenRoot !== null ? (
            <>
              <dt className="font-medium">{t("frozenRoot")}</dt>
              <dd className={mono}>{poll.frozenRoot}</dd>
            </>
          ) : null}
          {poll.depth !== null ? (
            <>
              <dt className="font-medium">{t("depth")}</dt>
              <dd>{poll.depth}</dd>
            </>
          ) : null}
          {poll.scope !== null ? (
            <>
              <dt className="font-medium">{t("scope")}</dt>
              <dd className={mono}>{poll.scope}</dd>
            </>
          ) : null}
          {poll.openedEntry !== null ? (
            <>
              <dt className="font-medium">{t("openedEntry")}</dt>
              <dd>
                <Link href={`/ledger/entries/${poll.openedEntry}`} className={link}>
                  {t("entryLink", { index: poll.openedEntry })}
                </Link>
              </dd>
            </>
          ) : null}
          {poll.closedEntry !== null ? (
            <>
              <dt className="font-medium">{t("closedEntry")}</dt>
              <dd>
                <Link href={`/ledger/entries/${poll.closedEntry}`} className={link}>
                  {t("entryLink", { index: poll.closedEntry })}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
        {poll.openedEntry === null ? <p className="text-sm text-slate-700">{t("rulesFreeze")}</p> : null}
      </section>
    </article>
  );
}
