import Link from "next/link";
import { getTranslations } from "next-intl/server";

export interface LedgerEntryRow {
  index: bigint;
  type: string;
  label: string | null;
}

/** Entry types whose entries are anonymous acts: they carry a proof, never a name or a time. */
const ANONYMOUS_TYPES = new Set(["vote", "support"]);

/** A page of ledger entries: index (linking to the entry's detail), type and a short public summary. */
export async function EntriesTable({ entries, caption }: { entries: LedgerEntryRow[]; caption: string }) {
  const t = await getTranslations("ledger");
  return (
    <table className="w-full border-collapse bg-white text-left">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="p-2">
            {t("index")}
          </th>
          <th scope="col" className="p-2">
            {t("type")}
          </th>
          <th scope="col" className="p-2">
            {t("summary")}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.index.toString()} className="border-b border-slate-200 align-top">
            <th scope="row" className="p-2 font-medium">
              <Link
                href={`/ledger/entries/${e.index}`}
                className="font-mono text-brand-700 underline underline-offset-4"
              >
                {e.index.toString()}
              </Link>
            </th>
            <td className="p-2">
              {t.has(`types.${e.type}`) ? t(`types.${e.type}`) : e.type}{" "}
              <code className="text-sm text-slate-700">{e.type}</code>
            </td>
            <td className="p-2">{e.label ?? (ANONYMOUS_TYPES.has(e.type) ? t("anonymous") : null)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
