"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { proposalMessage, type TProposalContent } from "@/core/participation";
import type { TArtifactUrlsByDepth, TProcessCensus } from "../_lib/participation/act-anonymously";
import { useAnonymousAct } from "../_lib/participation/use-anonymous-act";
import { slotKey, usedSlots } from "../_lib/participation/used-slots";
import { postAnonymous } from "../_lib/prover/anonymous-request";
import { useTRPC } from "../_lib/trpc-provider";
import { FormError } from "./form-error";
import { ParticipationError } from "./participation-error";
import { ParticipationIdentity } from "./participation-identity";
import { ParticipationProgress } from "./participation-progress";

const input = "rounded border border-slate-400 px-3 py-2";
const link = "text-brand-700 underline underline-offset-4";

/** The form's text as the proposal entry records it: optional lines become null, cost a number. */
function contentOf(
  form: FormData,
  budget: number | null,
): TProposalContent | "title" | "cost" | "overBudget" {
  const line = (name: string) => {
    const v = String(form.get(name) ?? "").trim();
    return v === "" ? null : v;
  };
  // A title of spaces only would be refused after the proof was made: say so before.
  if (String(form.get("title") ?? "").trim() === "") return "title";
  const cost = String(form.get("cost") ?? "").trim();
  const costEstimate = cost === "" ? null : Number(cost);
  if (costEstimate !== null && !(Number.isSafeInteger(costEstimate) && costEstimate >= 0)) return "cost";
  // The rule the server and the verifier apply (proposalProblem), said before any proof is made.
  if (budget !== null && (costEstimate === null || costEstimate < 1)) return "cost";
  if (budget !== null && costEstimate !== null && costEstimate > budget) return "overBudget";
  return {
    title: String(form.get("title") ?? "").trim(),
    body: String(form.get("body") ?? "").trim(),
    category: line("category"),
    costEstimate,
    location: line("location"),
  };
}

/** How many of an identity's proposal slots in a process this browser has used, or null if unknown. */
function usedProposals(commitment: string, processId: string, limit: number): Promise<number | null> {
  return usedSlots(slotKey(commitment, "propose", processId)).then(
    (slots) => slots.filter((s) => s < limit).length,
    () => null,
  );
}

/**
 * "Make a proposal" during the proposals phase: a resident files it anonymously (a proof from the
 * census the process froze, with its own slot); a council member publishes it as the council.
 */
export function ProposalForm({
  processId,
  budget,
  proposalsPerResident,
  census,
  artifacts,
  district,
  isCouncil,
  base,
}: {
  processId: string;
  /** The budget of a budget ballot (a cost estimate is required), or null. */
  budget: number | null;
  proposalsPerResident: number;
  census: TProcessCensus | null;
  artifacts: TArtifactUrlsByDepth | null;
  district: { slug: string; name: string };
  isCouncil: boolean;
  base: string;
}) {
  const t = useTranslations("participation.form");
  const ids = useId();
  const router = useRouter();
  const trpc = useTRPC();
  const anon = useAnonymousAct({ census, artifacts });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ proposalId: string; index: string } | null>(null);
  const publish = useMutation(trpc.proposal.publish.mutationOptions());
  const working = anon.stage !== null || publish.isPending;
  // How many of the resident's proposal slots this browser has used: said before they write one,
  // read again after each proposal filed (a refused slot may have been noted too).
  const [used, setUsed] = useState<number | null>(null);
  const commitment = anon.identity?.commitment ?? null;
  useEffect(() => {
    if (isCouncil || commitment === null) return;
    let live = true;
    void usedProposals(commitment, processId, proposalsPerResident).then((n) => live && setUsed(n));
    return () => {
      live = false;
    };
  }, [isCouncil, commitment, processId, proposalsPerResident]);
  const canAct = isCouncil || (anon.identity && census && artifacts);

  async function submit(form: HTMLFormElement) {
    setDone(null);
    const content = contentOf(new FormData(form), budget);
    if (content === "title") return setProblem(t("titleRequired"));
    if (content === "cost") return setProblem(t("costRequired"));
    if (content === "overBudget") return setProblem(t("costOverBudget", { budget: budget ?? 0 }));
    setProblem(null);
    if (isCouncil) {
      const reply = await publish.mutateAsync({ processId, content }).catch(() => null);
      if (!reply) return;
      setDone(reply);
    } else {
      const result = await anon.run({
        act: "propose",
        targetId: processId,
        slots: proposalsPerResident,
        message: proposalMessage(content).toString(),
        send: (slot, proof) =>
          postAnonymous<{ proposalId: string; index: string }>("/api/anon/propose", {
            processId,
            slot,
            content,
            proof,
          }),
      });
      if (!result) return;
      setDone(result.reply);
      if (commitment !== null) setUsed(await usedProposals(commitment, processId, proposalsPerResident));
    }
    form.reset();
    router.refresh();
  }

  return (
    <section
      aria-labelledby={`${ids}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${ids}-title`} className="text-xl font-semibold">
        {t("title")}
      </h3>
      {isCouncil ? (
        <p className="text-sm text-slate-700">{t("asCouncil")}</p>
      ) : (
        <ParticipationIdentity identity={anon.identity} hasCensus={census !== null} district={district} />
      )}
      {!isCouncil && anon.identity && used !== null ? (
        <p className="text-sm text-slate-700" data-testid="proposal-slots">
          {used >= proposalsPerResident
            ? t("slotsAllUsed", { limit: proposalsPerResident })
            : t("slotsUsed", { used, limit: proposalsPerResident })}
        </p>
      ) : null}
      {canAct ? (
        <form
          aria-labelledby={`${ids}-title`}
          aria-busy={working}
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(e.currentTarget);
          }}
        >
          <fieldset disabled={working} className="flex flex-col gap-3">
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("fieldTitle")}</span>
              <input name="title" required maxLength={200} className={input} />
            </label>
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("fieldBody")}</span>
              <textarea name="body" rows={5} maxLength={20_000} className={input} />
            </label>
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("fieldCategory")}</span>
              <input name="category" maxLength={200} className={input} />
            </label>
            <label className="flex flex-col gap-1">
              <span className="font-medium">{budget !== null ? t("fieldCostRequired") : t("fieldCost")}</span>
              <input
                name="cost"
                type="number"
                min={0}
                step={1}
                max={budget ?? undefined}
                required={budget !== null}
                inputMode="numeric"
                aria-describedby={budget !== null ? `${ids}-cost` : undefined}
                className={input}
              />
              {budget !== null ? (
                <span id={`${ids}-cost`} className="text-sm text-slate-700">
                  {t("costHint", { budget })}
                </span>
              ) : null}
            </label>
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("fieldLocation")}</span>
              <input name="location" maxLength={200} className={input} />
            </label>
          </fieldset>
          {problem ? (
            <p role="alert" className="text-red-700">
              {problem}
            </p>
          ) : null}
          <FormError error={publish.error} />
          <ParticipationError code={anon.error} />
          <ParticipationProgress stage={anon.stage} label={t("progress")} />
          <button
            type="submit"
            disabled={working}
            className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            {isCouncil ? t("publish") : t("submit")}
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {done ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {t("done", { index: done.index })}{" "}
            <Link href={`${base}/proposals/${done.proposalId}`} className={link}>
              {t("open")}
            </Link>{" "}
            <Link href={`/ledger/entries/${done.index}`} prefetch={false} className={link}>
              {t("entryLink", { index: done.index })}
            </Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
