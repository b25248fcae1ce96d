import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CouncilInvitationCodes } from "@/app/_components/council-invitation-codes";
import { CouncilLocalTime } from "@/app/_components/council-local-time";
import { CouncilRemoveMember } from "@/app/_components/council-remove-member";
import { serverApi } from "@/server/api/server-caller";
import { MAX_CODES_PER_BATCH } from "@/server/services/census/generate-invitation-codes";
import { councilDistrict } from "../../../_lib/council-district";
import { councilSection } from "../../../_lib/council-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { district } = await councilDistrict(slug, `/dashboard/districts/${slug}/census`);
  return { title: (await getTranslations("councilCensus"))("title", { district: district.name }) };
}

export default async function CouncilCensusPage({ params }: Props) {
  const { slug } = await params;
  const t = await getTranslations("councilCensus");
  const { district, header, refusal } = await councilSection(slug, "census", (name) =>
    t("title", { district: name }),
  );
  if (refusal) return refusal;

  const api = await serverApi();
  const [summary, batches] = await Promise.all([
    api.census.summary({ districtSlug: slug }),
    api.census.batches({ districtId: district.id }),
  ]);
  const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <div className="flex flex-col gap-8">
      {header}

      <section aria-labelledby="summary-title" className={card}>
        <h2 id="summary-title" className="text-2xl font-semibold">
          {t("summaryTitle")}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
          <dt className="font-medium">{t("activeMembers")}</dt>
          <dd>{summary.activeMembers}</dd>
          <dt className="font-medium">{t("removedMembers")}</dt>
          <dd>{summary.removedMembers}</dd>
          <dt className="font-medium">{t("treeSize")}</dt>
          <dd>{t("treeSizeValue", { size: summary.size, depth: summary.depth })}</dd>
          <dt className="font-medium">{t("codesIssued")}</dt>
          <dd>{summary.codesIssued}</dd>
          <dt className="font-medium">{t("codesUsed")}</dt>
          <dd>{summary.codesUsed}</dd>
          <dt className="font-medium">{t("root")}</dt>
          <dd className="font-mono text-sm break-all">{summary.root}</dd>
        </dl>
        <p className="text-sm text-slate-700">
          {t("summaryPublic")}{" "}
          <Link href={`/districts/${slug}/ledger`} className="text-brand-700 underline underline-offset-4">
            {t("ledgerLink")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="codes-title" className={card}>
        <h2 id="codes-title" className="text-2xl font-semibold">
          {t("codesTitle")}
        </h2>
        <CouncilInvitationCodes district={district} maxCodes={MAX_CODES_PER_BATCH} />
      </section>

      <section aria-labelledby="batches-title" className={card}>
        <h2 id="batches-title" className="text-2xl font-semibold">
          {t("batchesTitle")}
        </h2>
        {batches.length === 0 ? (
          <p>{t("noBatches")}</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("batchesTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  {t("batchCreated")}
                </th>
                <th scope="col" className="p-2">
                  {t("batchId")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("batchIssued")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("batchUsed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batchId} className="border-b border-slate-200">
                  <td className="p-2">
                    <CouncilLocalTime date={b.createdAt} />
                  </td>
                  <td className="p-2 font-mono text-sm">{b.batchId.slice(0, 8)}</td>
                  <td className="p-2 text-right">{b.issued}</td>
                  <td className="p-2 text-right">{b.used}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-sm text-slate-700">{t("batchesHint")}</p>
      </section>

      <section aria-labelledby="remove-title" className={card}>
        <h2 id="remove-title" className="text-2xl font-semibold">
          {t("removeTitle")}
        </h2>
        <p>{t("removeIntro")}</p>
        <CouncilRemoveMember districtId={district.id} />
        <h3 className="mt-2 text-lg font-semibold">{t("recentRemovals")}</h3>
        {summary.recentRemovals.length === 0 ? (
          <p>{t("noRemovals")}</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {summary.recentRemovals.map((r) => (
              <li key={r.memberIndex}>
                <CouncilLocalTime date={r.removedAt} />
                {" · "}
                {t("removalLine", { index: r.memberIndex, reason: r.reason })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
