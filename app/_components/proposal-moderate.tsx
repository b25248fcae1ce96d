"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";

/** A council member hides (or restores) a proposal or a comment, with the public reason. */
export function ProposalModerate({
  target,
  hidden,
  name,
}: {
  target: { kind: "proposal" | "comment"; id: string };
  hidden: boolean;
  /** What is moderated, for the form's accessible name. */
  name: string;
}) {
  const t = useTranslations("participation.moderate");
  const ids = useId();
  const router = useRouter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const moderate = useMutation(
    trpc.proposal.moderate.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setReason("");
        router.refresh();
      },
    }),
  );
  const action = hidden ? "restore" : "hide";
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t(`${action}Of`, { name })}
        className="self-start rounded border border-slate-400 px-3 py-1 text-sm"
      >
        {t(action)}
      </button>
    );
  return (
    <form
      aria-label={t(`${action}Of`, { name })}
      className="flex flex-col gap-2 rounded border border-slate-300 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        moderate.mutate({ target, action, reason: reason.trim() });
      }}
    >
      <label htmlFor={`${ids}-reason`} className="font-medium">
        {t("reason")}
      </label>
      <input
        id={`${ids}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        maxLength={200}
        className="rounded border border-slate-400 px-3 py-2"
      />
      <FormError error={moderate.error} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={moderate.isPending}
          className="rounded bg-brand-600 px-3 py-1 font-semibold text-white disabled:opacity-60"
        >
          {t(`${action}Confirm`)}
        </button>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded border border-slate-400 px-3 py-1"
        >
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
