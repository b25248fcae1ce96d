import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { serverApi } from "@/server/api/server-caller";
import { ZDistrictSlug } from "@/server/services/districts/create-district";
import { orNotFound } from "../../_lib/or-not-found";

export default async function DistrictLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  if (!ZDistrictSlug.safeParse(slug).success) notFound();
  const t = await getTranslations("district");
  const district = await orNotFound((await serverApi()).district.bySlug({ slug }));
  const base = `/districts/${district.slug}`;
  const sections = [
    { href: base, label: t("overview") },
    { href: `${base}/proposals`, label: t("proposals") },
    { href: `${base}/polls`, label: t("polls") },
    { href: `${base}/ledger`, label: t("ledger") },
  ];
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm text-slate-700">{t("kicker")}</p>
        <h1 className="text-3xl font-bold">{district.name}</h1>
        {district.description ? (
          <p className="mt-2 max-w-2xl text-slate-700">{district.description}</p>
        ) : null}
      </div>
      <nav aria-label={t("sections")}>
        <ul className="flex flex-wrap gap-4 border-b border-slate-200 pb-2">
          {sections.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="text-brand-700 underline underline-offset-4">
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
