"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { pollInputSchema, type TPollInput } from "@/core/polls/poll-input";
import { errorCodeOf } from "../_lib/error-code";
import { useTRPC } from "../_lib/trpc-provider";
import {
  instantOf,
  type PollFieldErrors,
  pollFieldErrors,
  pollIssuesFromServerMessage,
  toLocalInput,
} from "./council-poll-form-model";
import { FormError } from "./form-error";
import { Markdown } from "./markdown";

const field = "rounded border border-slate-500 px-3 py-2 aria-[invalid=true]:border-red-700";
const MAX_OPTIONS = 64;

export interface CouncilPollFormPoll {
  id: string;
  title: string;
  description: string;
  options: string[];
  method: { kind: "single" } | { kind: "approval"; min: number; max: number };
  opensAt: Date;
  closesAt: Date;
  minAnonymitySet: number;
}

interface Draft {
  title: string;
  description: string;
  options: { key: number; value: string }[];
  kind: "single" | "approval";
  min: string;
  max: string;
  /** datetime-local values: wall-clock time in the browser's time zone, no offset. */
  opensAt: string;
  closesAt: string;
  minAnonymitySet: string;
}

let nextKey = 0;
const option = (value = "") => ({ key: nextKey++, value });

function emptyDraft(): Draft {
  return {
    title: "",
    description: "",
    options: [option(), option()],
    kind: "single",
    min: "1",
    max: "2",
    opensAt: "",
    closesAt: "",
    minAnonymitySet: "10",
  };
}

function draftOf(poll: CouncilPollFormPoll): Draft {
  return {
    title: poll.title,
    description: poll.description,
    options: poll.options.map((o) => option(o)),
    kind: poll.method.kind,
    min: poll.method.kind === "approval" ? String(poll.method.min) : "1",
    max: poll.method.kind === "approval" ? String(poll.method.max) : "2",
    opensAt: "",
    closesAt: "",
    minAnonymitySet: String(poll.minAnonymitySet),
  };
}

const numberOf = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** The rules the draft stands for; `stored` is the poll being edited (its unchanged times are kept exactly). */
function toInput(d: Draft, stored?: CouncilPollFormPoll): TPollInput {
  return {
    title: d.title,
    description: d.description,
    options: d.options.map((o) => o.value),
    method:
      d.kind === "single"
        ? { kind: "single" }
        : { kind: "approval", min: numberOf(d.min), max: numberOf(d.max) },
    opensAt: instantOf(d.opensAt, stored?.opensAt),
    closesAt: instantOf(d.closesAt, stored?.closesAt),
    minAnonymitySet: numberOf(d.minAnonymitySet),
  };
}

/**
 * Creates a poll, or edits one that has not opened yet. The rules are checked here with the same
 * schema the server applies, so each problem shows next to its field before anything is sent;
 * a refusal from the server (the opening time passed meanwhile, the poll opened) is shown too.
 * Times are entered in the browser's time zone and sent as absolute instants.
 */
export function CouncilPollForm({
  districtId,
  activeMembers,
  poll,
}: {
  districtId: string;
  /** Census members now: a poll waits to open while this is below its minimum anonymity set. */
  activeMembers: number;
  /** The poll to edit; without it the form creates a new one. */
  poll?: CouncilPollFormPoll;
}) {
  const t = useTranslations("councilPolls");
  const te = useTranslations("councilPolls.fieldErrors");
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => (poll ? draftOf(poll) : emptyDraft()));
  const [errors, setErrors] = useState<PollFieldErrors>({});
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Wall-clock times depend on the browser's time zone, which the server rendering cannot know:
  // fill them in once in the browser (tomorrow 09:00 to a week later 18:00 for a new poll).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, with the poll it was mounted for
  useEffect(() => {
    setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (poll) {
      setDraft((d) => ({ ...d, opensAt: toLocalInput(poll.opensAt), closesAt: toLocalInput(poll.closesAt) }));
    } else {
      const opens = new Date();
      opens.setDate(opens.getDate() + 1);
      opens.setHours(9, 0, 0, 0);
      const closes = new Date(opens);
      closes.setDate(closes.getDate() + 7);
      closes.setHours(18, 0, 0, 0);
      setDraft((d) => ({ ...d, opensAt: toLocalInput(opens), closesAt: toLocalInput(closes) }));
    }
  }, []);

  const onSuccess = (saved: { title: string }) => {
    setErrors({});
    setDone(poll ? t("saved") : t("created", { title: saved.title }));
    if (!poll) {
      const fresh = emptyDraft();
      setDraft((d) => ({ ...fresh, opensAt: d.opensAt, closesAt: d.closesAt }));
    }
    router.refresh();
  };
  const onError = (error: unknown) => {
    if (error instanceof TRPCClientError && errorCodeOf(error) === "BAD_INPUT") {
      const issues = pollIssuesFromServerMessage(error.message);
      if (issues) showErrors(pollFieldErrors(issues));
    }
  };
  const create = useMutation(trpc.poll.create.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.poll.update.mutationOptions({ onSuccess, onError }));
  const mutation = poll ? update : create;

  function showErrors(next: PollFieldErrors) {
    setErrors(next);
    // Move to the first field with a problem, in the order the form shows them.
    requestAnimationFrame(() => {
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[data-invalid] input')
        ?.focus();
    });
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDone(null);
  };

  /** Props tying a control to its error message (if any) and its hint. */
  const described = (name: string, hint?: string) => {
    const ids = [hint, errors[name] ? `${id}-${name}-error` : undefined].filter(Boolean).join(" ");
    return { "aria-invalid": errors[name] ? true : undefined, "aria-describedby": ids || undefined };
  };
  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="text-red-700">
        {te(errors[name] as Parameters<typeof te>[0], { max: MAX_OPTIONS })}
      </p>
    ) : null;

  const minAnonymity = numberOf(draft.minAnonymitySet);
  const censusTooSmall = Number.isInteger(minAnonymity) && activeMembers < minAnonymity;
  const errorCount = Object.keys(errors).length;

  return (
    <form
      ref={formRef}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        mutation.reset();
        const input = toInput(draft, poll);
        // The server's rules; an edited poll may keep its stored opening time even once past.
        const checked = pollInputSchema(poll?.opensAt).safeParse(input);
        if (!checked.success) {
          showErrors(pollFieldErrors(checked.error.issues));
          return;
        }
        setErrors({});
        if (poll) update.mutate({ pollId: poll.id, poll: input });
        else create.mutate({ districtId, poll: input });
      }}
    >
      <p role="alert" className="font-semibold text-red-700 empty:hidden">
        {errorCount > 0 ? t("fixFields", { count: errorCount }) : null}
      </p>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-title`} className="font-medium">
          {t("title")}
        </label>
        <input
          id={`${id}-title`}
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
          maxLength={200}
          autoComplete="off"
          className={field}
          {...described("title")}
        />
        {errorOf("title")}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-description`} className="font-medium">
            {t("description")}
          </label>
          <textarea
            id={`${id}-description`}
            value={draft.description}
            onChange={(e) => set("description", e.target.value)}
            rows={8}
            maxLength={10_000}
            className={field}
            {...described("description", `${id}-description-hint`)}
          />
          <p id={`${id}-description-hint`} className="text-sm text-slate-700">
            {t("descriptionHint")}
          </p>
          {errorOf("description")}
        </div>
        <section aria-labelledby={`${id}-preview-title`} className="flex flex-col gap-1">
          <h3 id={`${id}-preview-title`} className="font-medium">
            {t("preview")}
          </h3>
          <div className="min-h-32 rounded border border-dashed border-slate-400 bg-white p-3">
            {draft.description.trim() ? (
              <Markdown source={draft.description} />
            ) : (
              <p className="text-slate-700">{t("previewEmpty")}</p>
            )}
          </div>
        </section>
      </div>

      <fieldset
        className="flex flex-col gap-2"
        data-invalid={errors.options ? true : undefined}
        aria-describedby={errors.options ? `${id}-options-error` : undefined}
      >
        <legend className="font-medium">{t("options")}</legend>
        <ol className="flex flex-col gap-2">
          {draft.options.map((o, i) => (
            <li key={o.key} className="flex flex-col gap-1">
              <div className="flex flex-wrap items-center gap-2">
                <label htmlFor={`${id}-option-${o.key}`} className="w-24 text-sm">
                  {t("optionLabel", { n: i + 1 })}
                </label>
                <input
                  id={`${id}-option-${o.key}`}
                  data-option-index={i}
                  value={o.value}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) =>
                    set(
                      "options",
                      draft.options.map((x) => (x.key === o.key ? { ...x, value: e.target.value } : x)),
                    )
                  }
                  className={`${field} min-w-0 flex-1`}
                  {...described(`options.${i}`)}
                />
                <button
                  type="button"
                  disabled={draft.options.length <= 2}
                  aria-label={t("removeOption", { n: i + 1 })}
                  onClick={() => {
                    set(
                      "options",
                      draft.options.filter((x) => x.key !== o.key),
                    );
                    setErrors({});
                  }}
                  className="rounded border border-slate-500 px-3 py-2 disabled:opacity-50"
                >
                  {t("remove")}
                </button>
              </div>
              {errorOf(`options.${i}`)}
            </li>
          ))}
        </ol>
        {errorOf("options")}
        <button
          type="button"
          disabled={draft.options.length >= MAX_OPTIONS}
          onClick={() => {
            set("options", [...draft.options, option()]);
            const n = draft.options.length;
            requestAnimationFrame(() =>
              formRef.current?.querySelector<HTMLInputElement>(`[data-option-index="${n}"]`)?.focus(),
            );
          }}
          className="self-start rounded border border-brand-700 px-3 py-2 font-semibold text-brand-700 disabled:opacity-50"
        >
          {t("addOption")}
        </button>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{t("method")}</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-method`}
            value="single"
            checked={draft.kind === "single"}
            onChange={() => set("kind", "single")}
          />
          {t("methodSingle")}
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-method`}
            value="approval"
            checked={draft.kind === "approval"}
            onChange={() => set("kind", "approval")}
          />
          {t("methodApproval")}
        </label>
        {draft.kind === "approval" ? (
          <div className="flex flex-wrap gap-4 pl-6">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-min`} className="text-sm font-medium">
                {t("approvalMin")}
              </label>
              <input
                id={`${id}-min`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={draft.min}
                onChange={(e) => set("min", e.target.value)}
                className={`${field} w-28`}
                {...described("method.min")}
              />
              {errorOf("method.min")}
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-max`} className="text-sm font-medium">
                {t("approvalMax")}
              </label>
              <input
                id={`${id}-max`}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={draft.max}
                onChange={(e) => set("max", e.target.value)}
                className={`${field} w-28`}
                {...described("method.max")}
              />
              {errorOf("method.max")}
            </div>
          </div>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-opens`} className="font-medium">
            {t("opensAt")}
          </label>
          <input
            id={`${id}-opens`}
            type="datetime-local"
            value={draft.opensAt}
            onChange={(e) => set("opensAt", e.target.value)}
            className={field}
            {...described("opensAt", `${id}-tz`)}
          />
          {errorOf("opensAt")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-closes`} className="font-medium">
            {t("closesAt")}
          </label>
          <input
            id={`${id}-closes`}
            type="datetime-local"
            value={draft.closesAt}
            onChange={(e) => set("closesAt", e.target.value)}
            className={field}
            {...described("closesAt", `${id}-tz`)}
          />
          {errorOf("closesAt")}
        </div>
        <p id={`${id}-tz`} className="text-sm text-slate-700 sm:col-span-2">
          {timeZone ? t("timeZoneHint", { zone: timeZone }) : t("timeZoneHintUnknown")}
        </p>
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-anonymity`} className="font-medium">
          {t("minAnonymitySet")}
        </label>
        <input
          id={`${id}-anonymity`}
          type="number"
          inputMode="numeric"
          min={2}
          step={1}
          value={draft.minAnonymitySet}
          onChange={(e) => set("minAnonymitySet", e.target.value)}
          className={`${field} w-32`}
          {...described("minAnonymitySet", `${id}-anonymity-hint`)}
        />
        <p id={`${id}-anonymity-hint`} className="text-sm text-slate-700">
          {t("minAnonymitySetHint")}
        </p>
        {errorOf("minAnonymitySet")}
        <p aria-live="polite" className="text-amber-900 empty:hidden">
          {censusTooSmall ? t("censusTooSmall", { members: activeMembers, min: minAnonymity }) : null}
        </p>
      </div>

      <FormError error={mutation.error && !Object.keys(errors).length ? mutation.error : null} />
      <p role="status" className="text-green-800 empty:hidden">
        {done}
      </p>
      <button
        type="submit"
        disabled={mutation.isPending}
        className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {poll ? t("save") : t("create")}
      </button>
    </form>
  );
}
