import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

export default async function DistrictPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("district");
  const api = await serverApi();
  const district = await api.district.bySlug({ slug });
  const polls = await api.poll.list({ districtSlug: district.slug });
  const processes = await api.process.list({ districtSlug: district.slug });
  const proposalCount = (
    await Promise.all(processes.map((p) => api.proposal.list({ processId: p.id })))
  ).reduce((sum, list) => sum + list.proposals.length, 0);
  const count = (status: (typeof polls)[number]["status"]) => polls.filter((p) => p.status === status).length;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="council-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="council-title" className="text-xl font-semibold">
          {t("council")}
        </h2>
        {district.council.length === 0 ? (
          <p className="mt-2">{t("noCouncil")}</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {district.council.map((m) => (
              <li key={m.userId}>{m.name ?? t("unnamedMember")}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="activity-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="activity-title" className="text-xl font-semibold">
          {t("activity")}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium">{t("proposals")}</dt>
          <dd className="flex flex-col">
            <span>
              {processes.length === 0
                ? t("noneYet")
                : t("proposalCounts", { proposals: proposalCount, processes: processes.length })}
            </span>
            <Link
              href={`/districts/${district.slug}/proposals`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("proposalsLink")}
            </Link>
          </dd>
          <dt className="font-medium">{t("polls")}</dt>
          <dd className="flex flex-col">
            {polls.length === 0 ? (
              <span>{t("noneYet")}</span>
            ) : (
              <span>
                {t("pollCounts", {
                  open: count("open"),
                  scheduled: count("scheduled"),
                  closed: count("closed"),
                })}
              </span>
            )}
            <Link
              href={`/districts/${district.slug}/polls`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("pollsLink")}
            </Link>
          </dd>
          <dt className="font-medium">{t("openData")}</dt>
          <dd className="flex flex-wrap gap-x-3">
            <a
              href={`/api/open/districts/${district.slug}/polls.json`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("openDataJson")}
            </a>
            <a
              href={`/api/open/districts/${district.slug}/polls.csv`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("openDataCsv")}
            </a>
            <a
              href={`/api/open/districts/${district.slug}/proposals.csv`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("openDataProposalsCsv")}
            </a>
          </dd>
          <dt className="font-medium">{t("ledger")}</dt>
          <dd>
            <Link
              href={`/districts/${district.slug}/ledger`}
              className="text-brand-700 underline underline-offset-4"
            >
              {t("ledgerLink")}
            </Link>
          </dd>
        </dl>
      </section>
    </div>
  );
}
