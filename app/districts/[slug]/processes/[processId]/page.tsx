import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Markdown } from "@/app/_components/markdown";
import { ProcessPhases, ProcessRulesList } from "@/app/_components/process-phases";
import { serverApi } from "@/server/api/server-caller";
import { orNotFound } from "../../../../_lib/or-not-found";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; processId: string }> };

async function load({ params }: Props) {
  const { slug, processId } = await params;
  if (!z.uuid().safeParse(processId).success) notFound();
  const api = await serverApi();
  const [district, process] = await Promise.all([
    orNotFound(api.district.bySlug({ slug })),
    orNotFound(api.process.get({ processId })),
  ]);
  if (process.districtId !== district.id) notFound();
  return process;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await load(props)).title };
}

/** A participatory process: where it stands, its description, and the rules it recorded at start. */
export default async function ProcessPage(props: Props) {
  const process = await load(props);
  const t = await getTranslations("processes");
  return (
    <article aria-labelledby="process-title" className="flex flex-col gap-4">
      <h2 id="process-title" className="text-2xl font-semibold">
        {process.title}
      </h2>
      <ProcessPhases rules={process.rules} />
      {process.description ? <Markdown source={process.description} /> : null}
      <section aria-labelledby="rules-title" className="flex flex-col gap-2">
        <h3 id="rules-title" className="text-xl font-semibold">
          {t("rules.title")}
        </h3>
        <p className="text-sm text-slate-700">{t("rules.intro")}</p>
        <ProcessRulesList rules={process.rules} startedEntry={process.startedEntry} />
      </section>
    </article>
  );
}
