"use client";

import { useTranslations } from "next-intl";
import { errorCodeOf } from "../_lib/error-code";

/** Shows a failed mutation's error as a translated sentence, announced to screen readers. */
export function FormError({ error, id }: { error: unknown; id?: string }) {
  const t = useTranslations("errors");
  if (!error) return null;
  const code = errorCodeOf(error);
  return (
    <p id={id} role="alert" className="text-red-700">
      {t.has(code) ? t(code) : t("INTERNAL")}
    </p>
  );
}
