import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { z } from "zod";
import type { TPollResults } from "@/server/api/routers/results-router";
import { serverApi } from "@/server/api/server-caller";
import { isAppError } from "@/server/errors/app-error";
import { BudgetResults } from "../../../../../_components/budget-results";
import { RankedRoundsTable } from "../../../../../_components/ranked-rounds-table";
import { ResultsChart } from "../../../../../_components/results-chart";
import { orNotFound } from "../../../../../_lib/or-not-found";

export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string; pollId: string }>;
type SearchParams = Promise<{ page?: string | string[] }>;

/** Counted votes listed per page: a poll can have thousands. */
const PAGE_SIZE = 100;

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const link = "text-brand-700 underline underline-offset-4";
const WHEN = { dateStyle: "full", timeStyle: "long" } as const;

/** The district and the poll's results; null results while the poll has not opened. */
const load = cache(async (slug: string, pollId: string) => {
  if (!z.uuid().safeParse(pollId).success) notFound();
  const api = await serverApi();
  const district = await orNotFound(api.district.bySlug({ slug }));
  let results: TPollResults | null = null;
  try {
    results = await api.results.get({ pollId });
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    if (!(e instanceof TRPCError && isAppError(e.cause) && e.cause.code === "RESULTS_NOT_READY")) throw e;
  }
  // A poll not yet open: its title and district come from the poll itself.
  const poll = results ?? (await orNotFound(api.poll.get({ pollId })));
  if (poll.districtId !== district.id) notFound();
  return { district, results, title: poll.title, processId: poll.processId };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, pollId } = await params;
  const { title } = await load(slug, pollId);
  const t = await getTranslations("pollResults");
  return { title: t("title", { title }) };
}

function pageOf(raw: string | string[] | undefined, pages: number): number {
  const n = typeof raw === "string" && /^[1-9][0-9]{0,6}$/.test(raw) ? Number(raw) : 1;
  return Math.min(n, Math.max(1, pages));
}

export default async function PollResultsPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { slug, pollId } = await params;
  const { district, results, title, processId } = await load(slug, pollId);
  const t = await getTranslations("pollResults");
  const format = await getFormatter();
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, WHEN)}</time>;
  const percent = (part: number, whole: number) =>
    format.number(whole === 0 ? 0 : part / whole, { style: "percent", maximumFractionDigits: 1 });
  const pollHref = `/districts/${district.slug}/polls/${pollId}`;
  const entryLink = (index: string) => (
    <Link href={`/ledger/entries/${index}`} className={link}>
      {t("entry", { index })}
    </Link>
  );

  const header = (
    <header className="flex flex-col gap-2">
      <p className="flex flex-wrap gap-4">
        <Link href={`/districts/${district.slug}/polls`} className={link}>
          {t("backToPolls", { district: district.name })}
        </Link>
        <Link href={pollHref} className={link}>
          {t("backToPoll")}
        </Link>
        {processId ? (
          <Link href={`/districts/${district.slug}/processes/${processId}`} className={link}>
            {t("backToProcess")}
          </Link>
        ) : null}
      </p>
      <h2 id="results-title" className="text-2xl font-semibold">
        {t("title", { title })}
      </h2>
    </header>
  );

  if (results === null) {
    const tErrors = await getTranslations("errors");
    return (
      <article aria-labelledby="results-title" className="flex flex-col gap-6">
        {header}
        <p>{tErrors("RESULTS_NOT_READY")}</p>
      </article>
    );
  }

  if (results.status === "open") {
    return (
      <article aria-labelledby="results-title" className="flex flex-col gap-6">
        {header}
        <section aria-labelledby="open-title" className={card}>
          <h3 id="open-title" className="text-xl font-semibold">
            {t("open.title")}
          </h3>
          <p>{t.rich("open.closes", { date: () => when(results.closesAt) })}</p>
          <p className="text-lg font-medium">
            {t("open.received", { votes: results.votesReceived, voters: results.voters })}
          </p>
          <p className="max-w-2xl text-slate-700">{t("open.why")}</p>
          <p>{t.rich("open.opened", { entry: () => entryLink(results.openedEntry) })}</p>
          <p>
            <Link href={pollHref} className={link}>
              {t("open.vote")}
            </Link>
          </p>
        </section>
      </article>
    );
  }

  const pages = Math.ceil(results.counted.length / PAGE_SIZE);
  const page = pageOf((await searchParams).page, pages);
  const shown = results.counted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const { method } = results;
  const approval = method.kind === "approval";
  const unit = approval ? "approvals" : "votes";
  const rows = results.options.map((label, i) => {
    const count = results.counts[i] ?? 0;
    return {
      label,
      valueText: t("value", { unit, count, percent: percent(count, results.turnout) }),
      fraction: results.turnout === 0 ? 0 : count / results.turnout,
    };
  });
  // A ranked poll's outcome in one sentence: who won, in which round, with how many of the
  // ballots still counting then.
  const rounds = results.rounds ?? [];
  const lastRound = rounds[rounds.length - 1];
  const winner = results.winner ?? null;
  const winnerSentence =
    winner === null || !lastRound
      ? t("ranked.noWinner")
      : t("ranked.winner", {
          option: results.options[winner] ?? `#${winner}`,
          round: rounds.length,
          votes: lastRound.counts[winner] ?? 0,
          continuing: lastRound.counts.reduce((a, b) => a + b, 0),
        });
  const pageHref = (p: number) => `${pollHref}/results${p > 1 ? `?page=${p}` : ""}#counted-title`;

  return (
    <article aria-labelledby="results-title" className="flex flex-col gap-6">
      {header}
      <p>{t.rich("closedOn", { date: () => when(new Date(results.closedAt)) })}</p>

      <section aria-labelledby="counts-title" className={card}>
        <h3 id="counts-title" className="text-xl font-semibold">
          {t("countsTitle")}
        </h3>
        <p className="text-slate-700">
          {method.kind === "approval"
            ? t("method.approval", { min: method.min, max: method.max })
            : method.kind === "ranked"
              ? t("method.ranked", { max: method.maxRanks })
              : method.kind === "budget"
                ? t("method.budget", { budget: format.number(method.budget) })
                : t("method.single")}
        </p>
        {method.kind === "budget" ? (
          <BudgetResults
            options={results.options}
            costs={method.costs}
            budget={method.budget}
            counts={results.counts}
            turnout={results.turnout}
            funded={results.funded ?? []}
            spent={results.spent ?? 0}
          />
        ) : (
          <ResultsChart
            id="counts-chart"
            caption={t(
              approval ? "chartApproval" : method.kind === "ranked" ? "chartRanked" : "chartSingle",
              { voters: results.turnout },
            )}
            rows={rows}
          />
        )}
        {approval ? <p className="text-sm text-slate-700">{t("approvalNote")}</p> : null}
      </section>

      {method.kind === "ranked" && rounds.length > 0 ? (
        <section aria-labelledby="runoff-title" className={card}>
          <h3 id="runoff-title" className="text-xl font-semibold">
            {t("ranked.title")}
          </h3>
          <p className="text-lg font-medium" data-testid="runoff-winner">
            {winnerSentence}
          </p>
          <p className="max-w-2xl text-slate-700">{t("ranked.how")}</p>
          <RankedRoundsTable id="runoff-caption" options={results.options} rounds={rounds} winner={winner} />
        </section>
      ) : null}

      <section aria-labelledby="turnout-title" className={card}>
        <h3 id="turnout-title" className="text-xl font-semibold">
          {t("turnoutTitle")}
        </h3>
        <ResultsChart
          id="turnout-chart"
          caption={t("turnoutCaption")}
          rows={[
            {
              label: t("turnoutLabel"),
              valueText: t("turnoutValue", {
                voters: results.turnout,
                census: results.censusSize,
                percent: percent(results.turnout, results.censusSize),
              }),
              fraction: results.censusSize === 0 ? 0 : results.turnout / results.censusSize,
            },
          ]}
        />
      </section>

      <section aria-labelledby="ledger-title" className={card}>
        <h3 id="ledger-title" className="text-xl font-semibold">
          {t("ledgerTitle")}
        </h3>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("openedEntry")}</dt>
          <dd>{entryLink(results.openedEntry)}</dd>
          <dt className="font-medium">{t("closedEntry")}</dt>
          <dd>{entryLink(results.closedEntry)}</dd>
          <dt className="font-medium">{t("coversTitle")}</dt>
          <dd>{t("covers", { size: results.ledgerSize })}</dd>
        </dl>

        <h4 id="counted-title" className="font-semibold">
          {t("countedTitle", { count: results.counted.length })}
        </h4>
        {results.counted.length === 0 ? (
          <p>{t("noVotes")}</p>
        ) : (
          <>
            {pages > 1 ? (
              <p className="text-sm text-slate-700">
                {t("pageOf", {
                  page,
                  pages,
                  first: (page - 1) * PAGE_SIZE + 1,
                  last: (page - 1) * PAGE_SIZE + shown.length,
                })}
              </p>
            ) : null}
            <ul aria-labelledby="counted-title" className="flex flex-wrap gap-x-4 gap-y-1">
              {shown.map((index) => (
                <li key={index}>{entryLink(index)}</li>
              ))}
            </ul>
            {pages > 1 ? (
              <nav aria-label={t("pagesLabel")}>
                <ul className="flex flex-wrap gap-4">
                  {page > 1 ? (
                    <li>
                      <Link href={pageHref(page - 1)} className={link}>
                        {t("previous")}
                      </Link>
                    </li>
                  ) : null}
                  {page < pages ? (
                    <li>
                      <Link href={pageHref(page + 1)} className={link}>
                        {t("next")}
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
          </>
        )}

        {results.superseded.length > 0 ? (
          <details className="flex flex-col gap-2">
            <summary className="cursor-pointer font-semibold">
              {t("supersededTitle", { count: results.superseded.length })}
            </summary>
            <p className="mt-2 max-w-2xl text-slate-700">{t("supersededIntro")}</p>
            <ul className="mt-2 flex flex-col gap-1">
              {results.superseded.map((s) => (
                <li key={s.index}>
                  {t.rich("replacedBy", {
                    entry: () => entryLink(s.index),
                    by: () => entryLink(s.replacedBy),
                  })}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="recount-title" className={card}>
        <h3 id="recount-title" className="text-xl font-semibold">
          {t("recount.title")}
        </h3>
        <p className="max-w-2xl text-slate-700">{t("recount.intro")}</p>
        <ol className="flex max-w-2xl list-decimal flex-col gap-1 pl-6">
          <li>{t.rich("recount.rules", { entry: () => entryLink(results.openedEntry) })}</li>
          <li>
            {t.rich("recount.votes", {
              size: results.ledgerSize,
              pollId: () => <code className="break-all text-sm">{results.pollId}</code>,
              api: (chunks) => (
                <Link href="/ledger/json/entries?type=vote&limit=500" className={link}>
                  {chunks}
                </Link>
              ),
            })}
          </li>
          <li>{t("recount.check")}</li>
          <li>{t("recount.latest")}</li>
          <li>{t.rich("recount.compare", { entry: () => entryLink(results.closedEntry) })}</li>
        </ol>
        <p className="max-w-2xl text-slate-700">
          {t.rich("recount.receipt", {
            link: (chunks) => (
              <Link href="/receipts" className={link}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      </section>
    </article>
  );
}
