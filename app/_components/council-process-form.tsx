"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { processRulesFromInput, ZProcessInput } from "@/core/processes/process-input";
import { PROCESS_PHASES } from "@/core/processes/process-rules";
import { useTRPC } from "../_lib/trpc-provider";
import { fromLocalInput, toLocalInput } from "./council-poll-form-model";
import { FormError } from "./form-error";

const field = "rounded border border-slate-500 px-3 py-2";

interface Draft {
  title: string;
  description: string;
  /** datetime-local values: the start of each phase, then the end of the follow-up. */
  boundaries: string[];
  responseDeadline: string;
  proposalsPerResident: string;
  commentsPerResident: string;
  supportThreshold: string;
  kind: "ranked" | "budget";
  maxRanks: string;
  budget: string;
}

const empty = (): Draft => ({
  title: "",
  description: "",
  boundaries: new Array(PROCESS_PHASES.length + 1).fill(""),
  responseDeadline: "",
  proposalsPerResident: "2",
  commentsPerResident: "10",
  supportThreshold: "10",
  kind: "budget",
  maxRanks: "3",
  budget: "100000",
});

/** Default dates: proposals from tomorrow 09:00, two weeks a phase, a year of follow-up. */
function defaultDates(): Pick<Draft, "boundaries" | "responseDeadline"> {
  const start = new Date();
  start.setDate(start.getDate() + 1);
  start.setHours(9, 0, 0, 0);
  const at = (days: number) => {
    const d = new Date(start);
    d.setDate(d.getDate() + days);
    return toLocalInput(d);
  };
  return { boundaries: [0, 14, 28, 42, 56, 421].map(at), responseDeadline: at(70) };
}

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/**
 * Starts a participatory process. The rules are checked here with the function the server and
 * the observers' verifier apply (processRulesFromInput), so a problem is shown before anything is
 * sent; once started, a process's rules are on the ledger and can never change, which the form
 * says before the council confirms.
 */
export function CouncilProcessForm({ districtId }: { districtId: string }) {
  const t = useTranslations("councilProcesses");
  const tp = useTranslations("processes");
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(empty);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    setDraft((d) => ({ ...d, ...defaultDates() }));
  }, []);

  const create = useMutation(
    trpc.process.create.mutationOptions({
      onSuccess: (saved) => {
        setDone(t("created", { title: saved.title }));
        setDraft({ ...empty(), ...defaultDates() });
        router.refresh();
      },
    }),
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblem(null);
    setDone(null);
  };

  function submit() {
    const input = {
      title: draft.title,
      description: draft.description,
      boundaries: draft.boundaries.map((b) => (b ? fromLocalInput(b) : new Date(Number.NaN))),
      responseDeadline: draft.responseDeadline
        ? fromLocalInput(draft.responseDeadline)
        : new Date(Number.NaN),
      proposalsPerResident: num(draft.proposalsPerResident),
      commentsPerResident: num(draft.commentsPerResident),
      supportThreshold: num(draft.supportThreshold),
      ballot:
        draft.kind === "ranked"
          ? { kind: "ranked" as const, maxRanks: num(draft.maxRanks) }
          : { kind: "budget" as const, budget: num(draft.budget) },
    };
    const parsed = ZProcessInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem(t("invalidField", { field: String(issue?.path[0] ?? "") }));
      return;
    }
    const rules = processRulesFromInput(parsed.data);
    if (!rules.ok) {
      setProblem(rules.problem);
      return;
    }
    create.mutate({ districtId, process: input });
  }

  const labels = [
    ...PROCESS_PHASES.map((p) => t("phaseStarts", { phase: tp(`phase.${p}`) })),
    t("followUpEnds"),
  ];
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("title")}</span>
        <input
          className={field}
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
          maxLength={200}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("description")}</span>
        <textarea
          className={`${field} min-h-24`}
          value={draft.description}
          onChange={(e) => set("description", e.target.value)}
          maxLength={10_000}
        />
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{t("phases")}</legend>
        <div className="grid gap-3 md:grid-cols-3">
          {labels.map((label, i) => (
            <label key={label} className="flex flex-col gap-1">
              <span>{label}</span>
              <input
                type="datetime-local"
                className={field}
                value={draft.boundaries[i] ?? ""}
                onChange={(e) =>
                  set(
                    "boundaries",
                    draft.boundaries.map((b, k) => (k === i ? e.target.value : b)),
                  )
                }
              />
            </label>
          ))}
          <label className="flex flex-col gap-1">
            <span>{t("responseDeadline")}</span>
            <input
              type="datetime-local"
              className={field}
              value={draft.responseDeadline}
              onChange={(e) => set("responseDeadline", e.target.value)}
            />
          </label>
        </div>
      </fieldset>
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="font-medium">{t("limits")}</legend>
        {(["proposalsPerResident", "supportThreshold", "commentsPerResident"] as const).map((name) => (
          <label key={name} className="flex flex-col gap-1">
            <span>{tp(`rules.${name}`)}</span>
            <input
              type="number"
              inputMode="numeric"
              className={field}
              value={draft[name]}
              onChange={(e) => set(name, e.target.value)}
            />
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{tp("rules.ballot")}</legend>
        <div className="flex flex-wrap gap-4">
          {(["budget", "ranked"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-kind`}
                checked={draft.kind === kind}
                onChange={() => set("kind", kind)}
              />
              {t(`kind.${kind}`)}
            </label>
          ))}
        </div>
        {draft.kind === "budget" ? (
          <label className="flex flex-col gap-1">
            <span>{t("budget")}</span>
            <input
              type="number"
              className={field}
              value={draft.budget}
              onChange={(e) => set("budget", e.target.value)}
            />
          </label>
        ) : (
          <label className="flex flex-col gap-1">
            <span>{t("maxRanks")}</span>
            <input
              type="number"
              className={field}
              value={draft.maxRanks}
              onChange={(e) => set("maxRanks", e.target.value)}
            />
          </label>
        )}
      </fieldset>
      <p className="text-sm text-slate-700">{t("immutable")}</p>
      {problem ? (
        <p role="alert" className="text-red-700">
          {t("problem", { problem })}
        </p>
      ) : null}
      <FormError error={create.error} />
      {done ? (
        <p role="status" className="text-green-800">
          {done}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={create.isPending}
        className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {create.isPending ? t("starting") : t("start")}
      </button>
    </form>
  );
}
