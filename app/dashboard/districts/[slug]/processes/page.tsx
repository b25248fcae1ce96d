import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CouncilProcessForm } from "@/app/_components/council-process-form";
import { ProcessCard } from "@/app/_components/process-phases";
import { serverApi } from "@/server/api/server-caller";
import { councilDistrict } from "../../../_lib/council-district";
import { councilSection } from "../../../_lib/council-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { district } = await councilDistrict(slug, `/dashboard/districts/${slug}/processes`);
  return { title: (await getTranslations("councilProcesses"))("pageTitle", { district: district.name }) };
}

/** The council's participatory processes: those started, and the form to start one. */
export default async function CouncilProcessesPage({ params }: Props) {
  const { slug } = await params;
  const t = await getTranslations("councilProcesses");
  const { district, header, refusal } = await councilSection(slug, "processes", (name) =>
    t("pageTitle", { district: name }),
  );
  if (refusal) return refusal;
  const processes = await (await serverApi()).process.list({ districtSlug: slug });
  const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <div className="flex flex-col gap-8">
      {header}
      <section aria-labelledby="processes-title" className="flex flex-col gap-3">
        <h2 id="processes-title" className="text-2xl font-semibold">
          {t("listTitle")}
        </h2>
        {processes.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {processes.map((p) => (
              <ProcessCard key={p.id} process={p} districtSlug={slug} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-process-title" className={card}>
        <h2 id="new-process-title" className="text-2xl font-semibold">
          {t("newProcess")}
        </h2>
        <CouncilProcessForm districtId={district.id} />
      </section>
    </div>
  );
}
