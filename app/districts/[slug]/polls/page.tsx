import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";
import { ResidentCensusCount } from "../../../_components/resident-census-count";
import { orNotFound } from "../../../_lib/or-not-found";
import { groupPolls } from "./_lib/group-polls";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const t = await getTranslations("resident.polls");
  const district = await orNotFound((await serverApi()).district.bySlug({ slug }));
  return { title: t("metaTitle", { district: district.name }) };
}

const card = "rounded-lg border border-slate-200 bg-white p-4";
const link = "text-brand-700 underline underline-offset-4";
// Intl refuses dateStyle/timeStyle together with timeZoneName, so the fields are spelled out.
const WHEN = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const;

export default async function DistrictPollsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("resident.polls");
  const format = await getFormatter();
  const api = await serverApi();
  const district = await orNotFound(api.district.bySlug({ slug }));
  const { open, scheduled, closed } = groupPolls(await api.poll.list({ districtSlug: slug }), new Date());
  const base = `/districts/${district.slug}/polls`;
  // "Closes <time>{when}</time>": the sentence is translated whole, the time stays machine-readable.
  const at = (key: "opensAt" | "closesAt" | "closedAt", d: Date) =>
    t.rich(key, {
      when: format.dateTime(d, WHEN),
      time: (chunks) => <time dateTime={d.toISOString()}>{chunks}</time>,
    });

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="polls-title" className="flex flex-col gap-2">
        <h2 id="polls-title" className="text-2xl font-semibold">
          {t("title")}
        </h2>
        <p className="text-slate-700">
          {t("intro")}{" "}
          <Link href={`/join?district=${district.slug}`} className={link}>
            {t("joinLink")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="open-title" className="flex flex-col gap-3">
        <h3 id="open-title" className="text-xl font-semibold">
          {t("open")}
        </h3>
        {open.length === 0 ? (
          <p>{t("noOpen")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {open.map((p) => (
              <li key={p.id} className={card}>
                <Link href={`${base}/${p.id}`} className={`${link} text-lg font-semibold`}>
                  {p.title}
                </Link>
                <p className="text-sm text-slate-700">{at("closesAt", p.closesAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="scheduled-title" className="flex flex-col gap-3">
        <h3 id="scheduled-title" className="text-xl font-semibold">
          {t("scheduled")}
        </h3>
        {scheduled.length === 0 ? (
          <p>{t("noScheduled")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {scheduled.map((p) => (
              <li key={p.id} className={card}>
                <Link href={`${base}/${p.id}`} className={`${link} text-lg font-semibold`}>
                  {p.title}
                </Link>
                <p className="text-sm text-slate-700">{at("opensAt", p.opensAt)}</p>
                {p.waiting ? (
                  <ResidentCensusCount districtId={district.id} minimum={p.minAnonymitySet} />
                ) : (
                  <p className="text-sm text-slate-700">
                    {t("needsMembers", { minimum: p.minAnonymitySet })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="closed-title" className="flex flex-col gap-3">
        <h3 id="closed-title" className="text-xl font-semibold">
          {t("closed")}
        </h3>
        {closed.length === 0 ? (
          <p>{t("noClosed")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {closed.map((p) => (
              <li key={p.id} className={card}>
                <Link href={`${base}/${p.id}`} className={`${link} text-lg font-semibold`}>
                  {p.title}
                </Link>
                <p className="text-sm text-slate-700">{at("closedAt", p.closesAt)}</p>
                <p className="mt-1">
                  <Link href={`${base}/${p.id}/results`} className={link}>
                    {t("results", { title: p.title })}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
