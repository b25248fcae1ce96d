import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CouncilLocalTime } from "@/app/_components/council-local-time";
import { CouncilPollForm } from "@/app/_components/council-poll-form";
import { CouncilPollBadge, CouncilPollExplanation } from "@/app/_components/council-poll-status";
import { serverApi } from "@/server/api/server-caller";
import { councilDistrict } from "../../../_lib/council-district";
import { councilSection } from "../../../_lib/council-section";
import { councilPollPhase } from "../../../_lib/poll-phase";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { district } = await councilDistrict(slug, `/dashboard/districts/${slug}/polls`);
  return { title: (await getTranslations("councilPolls"))("pageTitle", { district: district.name }) };
}

export default async function CouncilPollsPage({ params }: Props) {
  const { slug } = await params;
  const t = await getTranslations("councilPolls");
  const { district, header, refusal } = await councilSection(slug, "polls", (name) =>
    t("pageTitle", { district: name }),
  );
  if (refusal) return refusal;

  const api = await serverApi();
  const [polls, summary] = await Promise.all([
    api.poll.list({ districtSlug: slug }),
    api.census.summary({ districtSlug: slug }),
  ]);
  const now = new Date();
  const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <div className="flex flex-col gap-8">
      {header}
      <p>{t("censusNow", { members: summary.activeMembers })}</p>

      <section aria-labelledby="polls-title" className="flex flex-col gap-3">
        <h2 id="polls-title" className="text-2xl font-semibold">
          {t("listTitle")}
        </h2>
        {polls.length === 0 ? (
          <p>{t("noPolls")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {polls.map((p) => {
              const phase = councilPollPhase(p, now);
              return (
                <li key={p.id} className={card}>
                  <div className="flex flex-wrap items-center gap-3">
                    <h3 className="text-xl font-semibold">
                      <Link
                        href={`/dashboard/districts/${slug}/polls/${p.id}`}
                        className="text-brand-700 underline underline-offset-4"
                      >
                        {p.title}
                      </Link>
                    </h3>
                    <CouncilPollBadge phase={phase} />
                  </div>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                    <dt className="font-medium">{t("opensAt")}</dt>
                    <dd>
                      <CouncilLocalTime date={p.opensAt} />
                    </dd>
                    <dt className="font-medium">{t("closesAt")}</dt>
                    <dd>
                      <CouncilLocalTime date={p.closesAt} />
                    </dd>
                    <dt className="font-medium">{t("method")}</dt>
                    <dd>
                      {p.method.kind === "approval"
                        ? t("methodApprovalSummary", { min: p.method.min, max: p.method.max })
                        : t("methodSingle")}
                    </dd>
                    <dt className="font-medium">{t("optionsCount")}</dt>
                    <dd>{p.options.length}</dd>
                  </dl>
                  <CouncilPollExplanation phase={phase} poll={p} activeMembers={summary.activeMembers} />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="new-poll-title" className={card}>
        <h2 id="new-poll-title" className="text-2xl font-semibold">
          {t("newPoll")}
        </h2>
        <CouncilPollForm districtId={district.id} activeMembers={summary.activeMembers} />
      </section>
    </div>
  );
}
