import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

export default async function DistrictLedgerPage() {
  const t = await getTranslations("district");
  return (
    <section aria-labelledby="section-title" className="flex flex-col gap-2">
      <h2 id="section-title" className="text-2xl font-semibold">
        {t("ledger")}
      </h2>
      <p>{t("ledgerEmpty")}</p>
    </section>
  );
}
