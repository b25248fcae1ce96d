import { getTranslations } from "next-intl/server";
import { ProcessCard } from "@/app/_components/process-phases";
import { serverApi } from "@/server/api/server-caller";
import { orNotFound } from "../../../_lib/or-not-found";

export const dynamic = "force-dynamic";

/** A district's participatory processes, where its proposals are made, each with where it stands. */
export default async function DistrictProposalsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("district");
  const tp = await getTranslations("processes");
  const api = await serverApi();
  const processes = await orNotFound(api.process.list({ districtSlug: slug }));
  return (
    <section aria-labelledby="section-title" className="flex flex-col gap-4">
      <h2 id="section-title" className="text-2xl font-semibold">
        {t("proposals")}
      </h2>
      {processes.length === 0 ? (
        <>
          <p>{t("proposalsEmpty")}</p>
          <p>{tp("none")}</p>
        </>
      ) : (
        <ul className="flex flex-col gap-4">
          {processes.map((p) => (
            <ProcessCard key={p.id} process={p} districtSlug={slug} />
          ))}
        </ul>
      )}
    </section>
  );
}
