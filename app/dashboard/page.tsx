import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";
import { getActor } from "@/server/auth/get-actor";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  if (!(await getActor())) redirect("/signin?next=/dashboard");
  const t = await getTranslations("dashboard");
  const me = await (await serverApi()).council.dashboard();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("signedInAs", { email: me.email })}</p>
      </div>
      {me.isPlatformAdmin ? (
        <p>
          <Link href="/admin" className="text-brand-700 underline underline-offset-4">
            {t("adminLink")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="councils-title" className="flex flex-col gap-3">
        <h2 id="councils-title" className="text-2xl font-semibold">
          {t("yourCouncils")}
        </h2>
        {me.councils.length === 0 ? (
          <p>{t("noCouncils")}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {me.councils.map((c) => (
              <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="text-xl font-semibold">{t("councilOf", { district: c.name })}</h3>
                <ul className="mt-2 list-disc pl-6">
                  <li>
                    <Link
                      href={`/dashboard/districts/${c.slug}/census`}
                      className="text-brand-700 underline underline-offset-4"
                    >
                      {t("manageCensus")}
                    </Link>
                  </li>
                  <li>
                    <Link
                      href={`/dashboard/districts/${c.slug}/polls`}
                      className="text-brand-700 underline underline-offset-4"
                    >
                      {t("managePolls")}
                    </Link>
                  </li>
                  <li>
                    <Link
                      href={`/districts/${c.slug}`}
                      className="text-brand-700 underline underline-offset-4"
                    >
                      {t("publicPage")}
                    </Link>
                  </li>
                  <li>
                    <Link
                      href={`/districts/${c.slug}/polls`}
                      className="text-brand-700 underline underline-offset-4"
                    >
                      {t("polls")}
                    </Link>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
