import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { encodeBase64 } from "@/core/encoding";
import { LEDGER_ENTRY_TYPES } from "@/core/entries";
import { serverApi } from "@/server/api/server-caller";
import { parseEntriesQuery } from "./_components/entries-query";
import { EntriesTable } from "./_components/entries-table";
import { EntryPaging } from "./_components/entry-paging";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const link = "text-brand-700 underline underline-offset-4";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ledger"))("title") };
}

export default async function LedgerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { type, start } = parseEntriesQuery(await searchParams);
  const t = await getTranslations("ledger");
  const format = await getFormatter();
  const api = await serverApi();
  const [checkpoint, verifierKey, witnesses, page] = await Promise.all([
    api.ledger.checkpoint(),
    api.ledger.verifierKey(),
    api.ledger.witnesses(),
    api.ledger.entries({ start, type, limit: PAGE_SIZE }),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="ledger-title" className="flex flex-col gap-2">
        <h1 id="ledger-title" className="text-3xl font-bold">
          {t("title")}
        </h1>
        <p className="max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      </section>

      <section aria-labelledby="checkpoint-title" className={card}>
        <h2 id="checkpoint-title" className="text-xl font-semibold">
          {t("checkpointTitle")}
        </h2>
        {checkpoint ? (
          <>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">{t("origin")}</dt>
              <dd className="break-all font-mono">{checkpoint.origin}</dd>
              <dt className="font-medium">{t("treeSize")}</dt>
              <dd className="font-mono" id="tree-size">
                {checkpoint.size.toString()}
              </dd>
              <dt className="font-medium">{t("rootHash")}</dt>
              <dd className="break-all font-mono">{encodeBase64(checkpoint.root)}</dd>
              <dt className="font-medium">{t("signedAt")}</dt>
              <dd>
                <time dateTime={checkpoint.createdAt.toISOString()}>
                  {format.dateTime(checkpoint.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                </time>
              </dd>
            </dl>
            <h3 className="font-semibold">{t("signedNote")}</h3>
            <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 p-3 text-sm">
              {checkpoint.note}
            </pre>
            <p>
              <a href="/ledger/checkpoint" className={link}>
                {t("checkpointText")}
              </a>
            </p>
          </>
        ) : (
          <p>{t("noCheckpoint")}</p>
        )}
      </section>

      <section aria-labelledby="vkey-title" className={card}>
        <h2 id="vkey-title" className="text-xl font-semibold">
          {t("vkeyTitle")}
        </h2>
        <p className="max-w-2xl text-slate-700">{t("vkeyExplain")}</p>
        <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 p-3 text-sm">
          <code id="verifier-key">{verifierKey}</code>
        </pre>
        <p>
          <a href="/ledger/vkey" className={link}>
            {t("vkeyText")}
          </a>
        </p>
      </section>

      <section aria-labelledby="witnesses-title" className={card}>
        <h2 id="witnesses-title" className="text-xl font-semibold">
          {t("witnessesTitle")}
        </h2>
        <p className="max-w-2xl text-slate-700">{t("witnessesIntro")}</p>
        {witnesses.length === 0 ? (
          <p>{t("noWitnesses")}</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("witnessesCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  {t("witnessName")}
                </th>
                <th scope="col" className="p-2">
                  {t("witnessUrl")}
                </th>
                <th scope="col" className="p-2">
                  {t("witnessKey")}
                </th>
                <th scope="col" className="p-2">
                  {t("witnessLastSize")}
                </th>
              </tr>
            </thead>
            <tbody>
              {witnesses.map((w) => (
                <tr key={w.name} className="border-b border-slate-200 align-top">
                  <th scope="row" className="break-all p-2 font-medium">
                    {w.name}
                  </th>
                  <td className="break-all p-2 font-mono text-sm">{w.url}</td>
                  <td className="break-all p-2 font-mono text-xs">{w.verifierKey}</td>
                  <td className="p-2">
                    {w.lastCosignedSize === null ? (
                      t("notCosignedYet")
                    ) : (
                      <span className="font-mono">{w.lastCosignedSize.toString()}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="entries-title" className="flex flex-col gap-4">
        <h2 id="entries-title" className="text-2xl font-semibold">
          {t("entriesTitle")}
        </h2>
        {/* A plain GET form: filtering works without JavaScript and gives a shareable address. */}
        <form method="get" action="/ledger" className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="entry-type" className="font-medium">
              {t("filterType")}
            </label>
            <select
              id="entry-type"
              name="type"
              defaultValue={type ?? ""}
              className="rounded border border-slate-500 bg-white px-3 py-2"
            >
              <option value="">{t("allTypes")}</option>
              {LEDGER_ENTRY_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`types.${ty}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-semibold text-white">
            {t("filterSubmit")}
          </button>
        </form>
        {page.entries.length === 0 ? (
          <p>{t("noEntries")}</p>
        ) : (
          <EntriesTable entries={page.entries} caption={t("entriesCaption", { start: start.toString() })} />
        )}
        <EntryPaging path="/ledger" query={{ type }} start={start} nextStart={page.nextStart} />
      </section>
    </div>
  );
}
