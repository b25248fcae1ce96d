import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";
import { JoinJourney } from "./_components/join-journey";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("resident.join");
  return { title: t("title") };
}

export default async function JoinPage({
  searchParams,
}: {
  searchParams: Promise<{ district?: string | string[] }>;
}) {
  const t = await getTranslations("resident.join");
  const { district } = await searchParams;
  const districts = (await (await serverApi()).district.list()).map(({ id, slug, name }) => ({
    id,
    slug,
    name,
  }));
  const wanted = typeof district === "string" ? district : undefined;
  const initialDistrictId = districts.find((d) => d.slug === wanted)?.id ?? null;
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="join-title" className="flex flex-col gap-2">
        <h1 id="join-title" className="text-3xl font-bold">
          {t("title")}
        </h1>
        <p className="max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      </section>
      <JoinJourney districts={districts} initialDistrictId={initialDistrictId} />
    </div>
  );
}
