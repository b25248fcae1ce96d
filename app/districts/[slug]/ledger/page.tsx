import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { parseEntriesQuery } from "@/app/ledger/_components/entries-query";
import { EntriesTable } from "@/app/ledger/_components/entries-table";
import { EntryPaging } from "@/app/ledger/_components/entry-paging";
import { serverApi } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;

export default async function DistrictLedgerPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { start } = parseEntriesQuery(await searchParams);
  const t = await getTranslations("district");
  const tl = await getTranslations("ledger");
  const api = await serverApi();
  // The layout already answered 404 for an unknown district.
  const district = await api.district.bySlug({ slug });
  const page = await api.ledger.entries({ districtId: district.id, start, limit: PAGE_SIZE });
  return (
    <section aria-labelledby="section-title" className="flex flex-col gap-4">
      <h2 id="section-title" className="text-2xl font-semibold">
        {t("ledger")}
      </h2>
      {page.entries.length === 0 ? (
        <p>{t("ledgerEmpty")}</p>
      ) : (
        <EntriesTable entries={page.entries} caption={tl("districtCaption", { district: district.name })} />
      )}
      <EntryPaging
        path={`/districts/${district.slug}/ledger`}
        query={{}}
        start={start}
        nextStart={page.nextStart}
      />
      <p>
        <Link href="/ledger" className="text-brand-700 underline underline-offset-4">
          {tl("openFullLedger")}
        </Link>
      </p>
    </section>
  );
}
