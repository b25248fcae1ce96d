"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { StoredIdentity } from "../_lib/identity-store";

/**
 * What a resident without a usable identity reads instead of a form: still looking, no identity
 * for the district (with the way to join), or a process that froze no census.
 */
export function ParticipationIdentity({
  identity,
  hasCensus,
  district,
}: {
  identity: StoredIdentity | null | undefined;
  hasCensus: boolean;
  district: { slug: string; name: string };
}) {
  const t = useTranslations("participation.identity");
  if (!hasCensus) return <p>{t("noCensus")}</p>;
  if (identity === undefined) return <p>{t("checking")}</p>;
  if (identity === null)
    return (
      <div className="flex flex-col gap-1">
        <p>{t("none", { district: district.name })}</p>
        <p>
          <Link
            href={`/join?district=${district.slug}`}
            className="text-brand-700 underline underline-offset-4"
          >
            {t("join", { district: district.name })}
          </Link>
        </p>
      </div>
    );
  return <p className="text-sm text-slate-700">{t("anonymous")}</p>;
}
