"use client";

import { useTranslations } from "next-intl";

/**
 * A resident action's failure as a translated sentence, announced at once: the code is a server
 * AppError code (errors.*), one of the browser's own steps (resident.errors.*), or unknown.
 */
export function ResidentError({ code, id }: { code: string | null; id?: string }) {
  const t = useTranslations();
  if (!code) return null;
  const key = t.has(`resident.errors.${code}`)
    ? `resident.errors.${code}`
    : t.has(`errors.${code}`)
      ? `errors.${code}`
      : "errors.INTERNAL";
  return (
    <p id={id} role="alert" className="text-red-700">
      {t(key)}
    </p>
  );
}
