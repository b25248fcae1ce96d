"use client";

import { useTranslations } from "next-intl";

/** Unexpected server errors: a plain sentence and a retry, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
      <button
        type="button"
        onClick={reset}
        className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white"
      >
        {t("retry")}
      </button>
    </div>
  );
}
