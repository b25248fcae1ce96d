"use client";

import { useTranslations } from "next-intl";

/**
 * An anonymous act's failure as a translated sentence, announced at once: participation's own
 * wording first (the census a process froze), then the resident's and the server's error codes.
 */
export function ParticipationError({ code }: { code: string | null }) {
  const t = useTranslations();
  if (!code) return null;
  const key = [`participation.errors.${code}`, `resident.errors.${code}`, `errors.${code}`].find((k) =>
    t.has(k),
  );
  return (
    <p role="alert" className="text-red-700">
      {t(key ?? "errors.INTERNAL")}
    </p>
  );
}
