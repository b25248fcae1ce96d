import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Paging through entries with plain links (no script needed): back to the first page once past
 * it, and on to the next page while there is one. `query` keeps the filter across pages.
 */
export async function EntryPaging({
  path,
  query,
  start,
  nextStart,
}: {
  path: string;
  query: Record<string, string | undefined>;
  start: bigint;
  nextStart: bigint | null;
}) {
  if (start === 0n && nextStart === null) return null;
  const t = await getTranslations("ledger");
  const href = (from: bigint | null) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    if (from !== null && from > 0n) params.set("start", from.toString());
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  return (
    <nav aria-label={t("pages")}>
      <ul className="flex flex-wrap gap-4">
        {start > 0n ? (
          <li>
            <Link href={href(null)} className="text-brand-700 underline underline-offset-4">
              {t("firstPage")}
            </Link>
          </li>
        ) : null}
        {nextStart !== null ? (
          <li>
            <Link href={href(nextStart)} className="text-brand-700 underline underline-offset-4">
              {t("nextPage")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
