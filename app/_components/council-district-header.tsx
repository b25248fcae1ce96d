import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type TCouncilSection = "census" | "polls" | "processes";

/**
 * The top of every council page of a district: which council, the page's title (the page's only
 * h1) and the council sections, the current one marked with aria-current.
 */
export async function CouncilDistrictHeader({
  district,
  title,
  current,
}: {
  district: { slug: string; name: string };
  title: string;
  current?: TCouncilSection;
}) {
  const t = await getTranslations("councilDistrict");
  const base = `/dashboard/districts/${district.slug}`;
  const links: { href: string; label: string; section?: TCouncilSection }[] = [
    { href: "/dashboard", label: t("dashboard") },
    { href: `${base}/census`, label: t("census"), section: "census" },
    { href: `${base}/polls`, label: t("polls"), section: "polls" },
    { href: `${base}/processes`, label: t("processes"), section: "processes" },
    { href: `/districts/${district.slug}`, label: t("publicPage") },
  ];
  return (
    <div className="flex flex-col gap-3">
      <div>
        <p className="text-sm text-slate-700">{t("kicker", { district: district.name })}</p>
        <h1 className="text-3xl font-bold">{title}</h1>
      </div>
      <nav aria-label={t("sections")}>
        <ul className="flex flex-wrap gap-4 border-b border-slate-200 pb-2">
          {links.map((l) => (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={l.section && l.section === current ? "page" : undefined}
                className="text-brand-700 underline underline-offset-4 aria-[current=page]:font-semibold aria-[current=page]:no-underline"
              >
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/** What a signed-in person who is not on this district's council sees instead of the forms. */
export async function CouncilOnly({ district }: { district: { name: string } }) {
  const t = await getTranslations("councilDistrict");
  return (
    <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
      {t("notOnCouncil", { district: district.name })}
    </p>
  );
}
