"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";

const field = "rounded border border-slate-500 px-3 py-2";
const REASON_MAX = 200;

/**
 * Removes the member who joined with an invitation code, with a public reason (it is written to
 * the ledger). Two steps: the form, then a confirmation that repeats what will be published, since
 * a removal cannot be undone (the person would need a new code and a new identity).
 */
export function CouncilRemoveMember({ districtId }: { districtId: string }) {
  const t = useTranslations("councilCensus");
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState<{ code: string; reason: string } | null>(null);
  const [form, setForm] = useState({ code: "", reason: "" });
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const remove = useMutation(
    trpc.census.removeMember.mutationOptions({
      onSuccess: () => {
        setPending(null);
        setForm({ code: "", reason: "" });
        router.refresh();
      },
      onError: () => setPending(null),
    }),
  );

  // Keyboard and screen reader users land on the step they are now in.
  useEffect(() => {
    if (pending) confirmHeading.current?.focus();
  }, [pending]);

  return (
    <div className="flex flex-col gap-3">
      {pending ? (
        <section
          aria-labelledby={`${id}-confirm-title`}
          className="flex flex-col gap-3 rounded border border-red-300 bg-red-50 p-3"
        >
          <h3 id={`${id}-confirm-title`} ref={confirmHeading} tabIndex={-1} className="text-lg font-semibold">
            {t("confirmTitle")}
          </h3>
          <p>{t("confirmBody", { code: pending.code })}</p>
          <p>{t("confirmReason")}</p>
          <blockquote className="border-l-4 border-slate-400 pl-3 break-words">{pending.reason}</blockquote>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ districtId, code: pending.code, reason: pending.reason })}
              className="rounded bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              {remove.isPending ? t("removing") : t("confirmRemove")}
            </button>
            <button
              type="button"
              disabled={remove.isPending}
              onClick={() => {
                setPending(null);
                setTimeout(() => codeInput.current?.focus(), 0);
              }}
              className="rounded border border-slate-500 px-4 py-2 font-semibold"
            >
              {t("cancel")}
            </button>
          </div>
        </section>
      ) : (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            remove.reset();
            if (!form.reason.trim()) {
              setReasonMissing(true);
              reasonInput.current?.focus();
              return;
            }
            setReasonMissing(false);
            setPending({ code: form.code.trim(), reason: form.reason.trim() });
          }}
        >
          <label htmlFor={`${id}-code`} className="font-medium">
            {t("removeCode")}
          </label>
          <input
            id={`${id}-code`}
            ref={codeInput}
            name="code"
            required
            maxLength={64}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={form.code}
            onChange={(e) => setForm((f) => ({ ...f, code: e.target.value }))}
            aria-describedby={`${id}-code-hint`}
            className={`${field} font-mono`}
          />
          <p id={`${id}-code-hint`} className="text-sm text-slate-700">
            {t("removeCodeHint")}
          </p>
          <label htmlFor={`${id}-reason`} className="font-medium">
            {t("removeReason")}
          </label>
          <textarea
            id={`${id}-reason`}
            ref={reasonInput}
            name="reason"
            required
            aria-invalid={reasonMissing || undefined}
            maxLength={REASON_MAX}
            rows={2}
            value={form.reason}
            onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
            aria-describedby={`${id}-reason-hint${reasonMissing ? ` ${id}-reason-error` : ""}`}
            className={field}
          />
          {reasonMissing ? (
            <p id={`${id}-reason-error`} className="text-red-700">
              {t("reasonRequired")}
            </p>
          ) : null}
          <p id={`${id}-reason-hint`} className="text-sm text-slate-700">
            {t("removeReasonHint", { max: REASON_MAX })}
          </p>
          <button
            type="submit"
            className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white"
          >
            {t("reviewRemoval")}
          </button>
        </form>
      )}
      <FormError error={remove.error} />
      <p role="status" className="text-green-800 empty:hidden">
        {remove.data
          ? t("removed", {
              index: remove.data.memberIndex,
              entry: remove.data.ledgerIndex,
              size: remove.data.size,
            })
          : null}
      </p>
    </div>
  );
}
