import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const t = await getTranslations("home");
  const api = await serverApi();
  const [info, districts] = await Promise.all([api.instance.info(), api.district.list()]);
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="home-title" className="flex flex-col gap-2">
        <h1 id="home-title" className="text-3xl font-bold">
          {info.cityName ? t("titleWithCity", { city: info.cityName }) : t("title")}
        </h1>
        <p className="max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      </section>
      <section aria-labelledby="districts-title" className="flex flex-col gap-4">
        <h2 id="districts-title" className="text-2xl font-semibold">
          {t("districts")}
        </h2>
        {districts.length === 0 ? (
          <p>{t("noDistricts")}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {districts.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="text-xl font-semibold">
                  <Link href={`/districts/${d.slug}`} className="text-brand-700 underline underline-offset-4">
                    {d.name}
                  </Link>
                </h3>
                {d.description ? <p className="mt-1 text-slate-700">{d.description}</p> : null}
                <p className="mt-2 text-sm text-slate-700">{t("councilSize", { count: d.councilSize })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
