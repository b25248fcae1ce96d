"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { responseProblem } from "@/core/participation";
import { RESPONSE_STATUSES, type TResponseStatus } from "@/core/processes/process-rules";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";

/**
 * The council answers a proposal or updates its implementation; a rejection needs its reasons.
 * Only the statuses that may follow the proposal's previous ones are offered (responseProblem, the
 * rule the server and the verifier apply), and none is preselected: a response is permanent.
 */
export function ProposalRespond({
  proposalId,
  previous,
}: {
  proposalId: string;
  /** The statuses the council gave the proposal so far, oldest first. */
  previous: readonly TResponseStatus[];
}) {
  const t = useTranslations("participation.respond");
  const ts = useTranslations("participation.status");
  const ids = useId();
  const router = useRouter();
  const trpc = useTRPC();
  const allowed = RESPONSE_STATUSES.filter((s) => responseProblem(previous, s, "reasons") === null);
  const [status, setStatus] = useState<TResponseStatus | "">("");
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const respond = useMutation(
    trpc.proposal.respond.mutationOptions({
      onSuccess: () => {
        setBody("");
        setStatus("");
        router.refresh();
      },
    }),
  );
  return (
    <section
      aria-labelledby={`${ids}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${ids}-title`} className="text-xl font-semibold">
        {t("title")}
      </h3>
      {allowed.length === 0 ? (
        <p>{t("final", { status: ts(previous.at(-1) ?? "implemented") })}</p>
      ) : (
        <form
          aria-labelledby={`${ids}-title`}
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            respond.reset();
            if (status === "") return setProblem(t("statusRequired"));
            if (status === "rejected" && body.trim() === "") return setProblem(t("reasonsRequired"));
            setProblem(null);
            respond.mutate({ proposalId, status, body: body.trim() });
          }}
        >
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("status")}</span>
            <select
              value={status}
              onChange={(e) => setStatus(e.target.value as TResponseStatus | "")}
              className="rounded border border-slate-400 px-3 py-2"
            >
              <option value="">{t("choose")}</option>
              {allowed.map((s) => (
                <option key={s} value={s}>
                  {ts(s)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{status === "rejected" ? t("reasons") : t("body")}</span>
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={4}
              maxLength={20_000}
              required={status === "rejected"}
              className="rounded border border-slate-400 px-3 py-2"
            />
          </label>
          {problem ? (
            <p role="alert" className="text-red-700">
              {problem}
            </p>
          ) : null}
          <FormError error={respond.error} />
          <button
            type="submit"
            disabled={respond.isPending}
            className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            {t("submit")}
          </button>
          <p className="text-sm text-slate-700">{t("permanent")}</p>
        </form>
      )}
      <p aria-live="polite" className="text-sm text-green-900">
        {respond.data ? t("done", { index: respond.data.index }) : ""}
      </p>
    </section>
  );
}
