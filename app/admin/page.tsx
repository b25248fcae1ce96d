import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/api/server-caller";
import { getActor } from "@/server/auth/get-actor";
import { CreateDistrictForm } from "../_components/create-district-form";
import { InviteCouncilForm } from "../_components/invite-council-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?next=/admin");
  const t = await getTranslations("admin");
  if (!actor.isPlatformAdmin) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p role="alert">{t("forbidden")}</p>
      </div>
    );
  }
  const councils = await (await serverApi()).council.listAll();
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="create-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="create-title" className="mb-3 text-xl font-semibold">
            {t("createDistrict")}
          </h2>
          <CreateDistrictForm />
        </section>
        <section aria-labelledby="invite-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="invite-title" className="mb-3 text-xl font-semibold">
            {t("inviteTitle")}
          </h2>
          <InviteCouncilForm districts={councils.map((d) => ({ id: d.id, name: d.name }))} />
        </section>
      </div>
      <section aria-labelledby="councils-title" className="flex flex-col gap-3">
        <h2 id="councils-title" className="text-2xl font-semibold">
          {t("councils")}
        </h2>
        <table className="w-full border-collapse bg-white text-left">
          <caption className="sr-only">{t("councils")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">
                {t("district")}
              </th>
              <th scope="col" className="p-2">
                {t("members")}
              </th>
            </tr>
          </thead>
          <tbody>
            {councils.map((d) => (
              <tr key={d.id} className="border-b border-slate-200 align-top">
                <th scope="row" className="p-2 font-medium">
                  <Link href={`/districts/${d.slug}`} className="text-brand-700 underline underline-offset-4">
                    {d.name}
                  </Link>
                </th>
                <td className="p-2">
                  {d.members.length === 0 ? (
                    t("noMembers")
                  ) : (
                    <ul>
                      {d.members.map((m) => (
                        <li key={m.userId}>
                          {m.name ?? ""} &lt;{m.email}&gt;
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
