import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReceiptChecker } from "./_components/receipt-checker";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("receiptCheck");
  return { title: t("title") };
}

/**
 * "Was my vote counted?": the receipts kept in this browser, each checked here, in the browser,
 * against the public ledger (app/_lib/check-receipt.ts). Nothing about the receipts is rendered
 * on the server: they never leave the browser except as the requests the check makes.
 */
export default async function ReceiptsPage() {
  const t = await getTranslations("receiptCheck");
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-2xl text-slate-700">{t("intro")}</p>
      </div>
      <section aria-labelledby="how-title" className="flex flex-col gap-2">
        <h2 id="how-title" className="text-xl font-semibold">
          {t("how.title")}
        </h2>
        <ol className="flex max-w-2xl list-decimal flex-col gap-1 pl-6 text-slate-800">
          <li>{t("how.proof")}</li>
          <li>{t("how.signature")}</li>
          <li>{t("how.inclusion")}</li>
          <li>{t("how.entry")}</li>
          <li>{t("how.tally")}</li>
        </ol>
        <p className="max-w-2xl text-sm text-slate-700">{t("how.privacy")}</p>
      </section>
      <ReceiptChecker />
    </div>
  );
}
