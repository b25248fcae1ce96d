"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState } from "react";
import { renderInvitationCsv } from "@/core/census/render-invitation-csv";
import { type InvitationLetterTexts, renderInvitationLetters } from "@/core/census/render-invitation-letters";
import { downloadFile } from "../_lib/download-file";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";

const field = "rounded border border-slate-500 px-3 py-2";
const button = "rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60";
const secondary = "rounded border border-brand-700 px-4 py-2 font-semibold text-brand-700";

/**
 * Generates a batch of one-time invitation codes and offers them as CSV and as a printable letter
 * sheet, both built here from the one answer that carries the codes (Plaza keeps only their keyed
 * hashes, so they cannot be fetched again). Leaving the page before both files are saved asks
 * for confirmation.
 */
export function CouncilInvitationCodes({
  district,
  maxCodes,
}: {
  district: { id: string; slug: string; name: string };
  maxCodes: number;
}) {
  const t = useTranslations("councilCensus");
  const tl = useTranslations("councilCensus.letter");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState({ csv: false, letters: false });
  const generate = useMutation(
    trpc.census.generateCodes.mutationOptions({
      onSuccess: () => {
        setSaved({ csv: false, letters: false });
        router.refresh();
      },
    }),
  );
  const batch = generate.data;

  const files = useMemo(() => {
    if (!batch) return null;
    const texts: InvitationLetterTexts = {
      lang: locale,
      title: (v) => tl("title", v),
      intro: (v) => tl("intro", v),
      step1: (v) => tl("step1", v),
      step2: tl("step2"),
      codeLabel: tl("codeLabel"),
      privacy: tl("privacy"),
      oneTime: tl("oneTime"),
    };
    const sheet = { districtName: batch.districtName, joinUrl: batch.joinUrl, codes: batch.codes };
    const stem = `plaza-${district.slug}-invitations-${new Date().toISOString().slice(0, 10)}-${batch.batchId.slice(0, 8)}`;
    return {
      // A byte order mark lets spreadsheet programs read the UTF-8 district name correctly.
      csv: { text: `\uFEFF${renderInvitationCsv(sheet)}`, name: `${stem}.csv` },
      letters: { text: renderInvitationLetters(sheet, texts), name: `${stem}-letters.html` },
    };
  }, [batch, district.slug, locale, tl]);

  const unsaved = files !== null && !(saved.csv && saved.letters);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  return (
    <div className="flex flex-col gap-4">
      <p id={`${id}-once`} className="rounded border border-amber-300 bg-amber-50 p-3">
        {t("shownOnce")}
      </p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (unsaved && !window.confirm(t("discardConfirm"))) return;
          const count = Number(new FormData(e.currentTarget).get("count"));
          generate.mutate({ districtId: district.id, count });
        }}
      >
        <label htmlFor={`${id}-count`} className="font-medium">
          {t("count")}
        </label>
        <input
          id={`${id}-count`}
          name="count"
          type="number"
          inputMode="numeric"
          required
          min={1}
          max={maxCodes}
          step={1}
          defaultValue={100}
          aria-describedby={`${id}-count-hint ${id}-once`}
          className={`${field} w-40`}
        />
        <p id={`${id}-count-hint`} className="text-sm text-slate-700">
          {t("countHint", { max: maxCodes })}
        </p>
        <FormError error={generate.error} />
        <button type="submit" disabled={generate.isPending} className={`${button} self-start`}>
          {generate.isPending ? t("generating") : t("generate")}
        </button>
      </form>

      <p role="status" className="font-semibold text-green-900 empty:hidden">
        {batch ? t("generated", { count: batch.codes.length, district: batch.districtName }) : null}
      </p>
      {batch && files ? (
        <div className="flex flex-col gap-3 rounded border border-green-700 bg-green-50 p-3">
          <p>{t("downloadNow")}</p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className={button}
              onClick={() => {
                downloadFile(files.csv.name, files.csv.text, "text/csv;charset=utf-8");
                setSaved((s) => ({ ...s, csv: true }));
              }}
            >
              {t("downloadCsv")}
            </button>
            <button
              type="button"
              className={button}
              onClick={() => {
                downloadFile(files.letters.name, files.letters.text, "text/html;charset=utf-8");
                setSaved((s) => ({ ...s, letters: true }));
              }}
            >
              {t("downloadLetters")}
            </button>
          </div>
          <p className="text-sm text-slate-700">{t("lettersHint")}</p>
          <ul className="text-sm">
            <li>{saved.csv ? t("csvSaved") : t("csvNotSaved")}</li>
            <li>{saved.letters ? t("lettersSaved") : t("lettersNotSaved")}</li>
          </ul>
          <details>
            <summary className="cursor-pointer font-medium">
              {t("showCodes", { count: batch.codes.length })}
            </summary>
            <ol className="mt-2 grid list-decimal gap-x-8 pl-8 font-mono sm:grid-cols-2 md:grid-cols-3">
              {batch.codes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ol>
          </details>
          <button
            type="button"
            className={`${secondary} self-start`}
            onClick={() => {
              if (unsaved && !window.confirm(t("discardConfirm"))) return;
              generate.reset();
            }}
          >
            {t("done")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
