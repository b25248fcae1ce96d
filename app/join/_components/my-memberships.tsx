"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { StoredIdentity } from "../../_lib/identity-store";
import { BackupForm } from "./backup-form";

/**
 * The districts this browser holds an identity for, each with a way to its polls and a backup
 * form; one whose join has not been confirmed yet says so (the join form finishes it). The one just joined has its backup form open: a resident who loses this browser without a
 * backup loses their vote in that district.
 */
export function MyMemberships({
  identities,
  highlight,
}: {
  identities: StoredIdentity[] | null;
  highlight: string | null;
}) {
  const t = useTranslations("resident.identities");
  const format = useFormatter();
  return (
    <section aria-labelledby="my-districts-title" className="flex flex-col gap-3">
      <h2 id="my-districts-title" className="text-2xl font-semibold">
        {t("title")}
      </h2>
      {identities === null ? (
        <p>{t("loading")}</p>
      ) : identities.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
          {identities.map((i) => (
            <li key={i.districtId} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="text-xl font-semibold">{i.districtName}</h3>
              {i.status === "pending" ? (
                <p className="text-amber-900">{t("pending", { district: i.districtName })}</p>
              ) : null}
              <p className="text-sm text-slate-700">
                {t("joinedAt", {
                  when: format.dateTime(new Date(i.joinedAt), { dateStyle: "medium", timeStyle: "short" }),
                })}
              </p>
              <p className="mt-1">
                <Link
                  href={`/districts/${i.districtSlug}/polls`}
                  className="text-brand-700 underline underline-offset-4"
                >
                  {t("polls", { district: i.districtName })}
                </Link>
              </p>
              <details className="mt-2" open={highlight === i.districtId}>
                <summary className="cursor-pointer font-medium text-brand-700">
                  {t("backup", { district: i.districtName })}
                </summary>
                <div className="mt-2">
                  <BackupForm identity={i} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
