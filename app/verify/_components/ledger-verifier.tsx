"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { TVerifyPhase, VerifyProgress, VerifyReport } from "@/core/verify";
import type {
  TProofWorkerMessage,
  TProofWorkerRequest,
  TVerifyWorkerMessage,
  TVerifyWorkerRequest,
} from "../_lib/verify-protocol";

const PHASES: Exclude<TVerifyPhase, "download">[] = ["checkpoint", "tree", "entries", "proofs", "tallies"];
/** The pinned log key and the last checkpoint that verified in this browser. */
const KEY_STORE = "plaza.verify.key";
const CHECKPOINT_STORE = "plaza.verify.checkpoint";

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const button =
  "self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60";

type TState =
  | { status: "idle" }
  | { status: "running"; progress: Partial<Record<TVerifyPhase, VerifyProgress>> }
  | { status: "done"; report: VerifyReport }
  | { status: "failed"; message: string };

/**
 * Fans proof batches out to one proof worker per core (capped at 4): the verify worker asks, the
 * page only forwards, so neither thread does the pairings of the other.
 */
function startProofWorkers(count: number) {
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL("../_lib/proof-batch.worker.ts", import.meta.url), { type: "module" }),
  );
  let next = 0;
  return {
    check(request: TProofWorkerRequest): Promise<TProofWorkerMessage> {
      const worker = workers[next++ % workers.length] as Worker;
      return new Promise((resolve) => {
        const done = (answer: TProofWorkerMessage) => {
          worker.removeEventListener("message", onMessage);
          worker.removeEventListener("error", onError);
          resolve(answer);
        };
        const onMessage = (event: MessageEvent<TProofWorkerMessage>) => {
          if (event.data.id === request.id) done(event.data);
        };
        // A worker that fails to load or crashes answers with an error, so the check never hangs.
        const onError = (event: ErrorEvent) =>
          done({ id: request.id, error: event.message || "proof worker failed" });
        worker.addEventListener("message", onMessage);
        worker.addEventListener("error", onError);
        worker.postMessage(request);
      });
    },
    terminate: () => {
      for (const w of workers) w.terminate();
    },
  };
}

export function LedgerVerifier() {
  const t = useTranslations("verifyPage");
  const [key, setKey] = useState("");
  const [pinnedNotice, setPinnedNotice] = useState<string | null>(null);
  const [policy, setPolicy] = useState("");
  const [state, setState] = useState<TState>({ status: "idle" });
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => {
    setKey(localStorage.getItem(KEY_STORE) ?? "");
    return () => stop.current?.();
  }, []);

  async function run() {
    stop.current?.();
    setState({ status: "running", progress: {} });
    let verifierKey = key.trim();
    if (verifierKey === "") {
      // Trust on first use: the key the server serves now is pinned for every later visit.
      try {
        const res = await fetch("/ledger/vkey", { credentials: "omit", cache: "no-store" });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        verifierKey = (await res.text()).trim();
      } catch (e) {
        setState({ status: "failed", message: t("keyUnavailable", { reason: String(e) }) });
        return;
      }
      localStorage.setItem(KEY_STORE, verifierKey);
      setKey(verifierKey);
      setPinnedNotice(t("pinned"));
    } else localStorage.setItem(KEY_STORE, verifierKey);

    const worker = new Worker(new URL("../_lib/verify.worker.ts", import.meta.url), { type: "module" });
    const proofs = startProofWorkers(Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)));
    stop.current = () => {
      worker.terminate();
      proofs.terminate();
    };
    worker.onmessage = async (event: MessageEvent<TVerifyWorkerMessage>) => {
      const m = event.data;
      if (m.type === "progress") {
        setState((s) =>
          s.status === "running"
            ? { status: "running", progress: { ...s.progress, [m.progress.phase]: m.progress } }
            : s,
        );
      } else if (m.type === "proofs") {
        const answer = await proofs.check({ id: m.id, proofs: m.proofs });
        worker.postMessage(
          ("results" in answer
            ? { type: "proofs-done", id: m.id, results: answer.results }
            : { type: "proofs-done", id: m.id, error: answer.error }) satisfies TVerifyWorkerRequest,
        );
      } else {
        stop.current?.();
        stop.current = null;
        if (m.type === "done") {
          if (m.report.ok) localStorage.setItem(CHECKPOINT_STORE, m.report.checkpoint);
          setState({ status: "done", report: m.report });
        } else setState({ status: "failed", message: m.message });
      }
    };
    worker.onerror = (event) => {
      stop.current?.();
      setState({ status: "failed", message: event.message || t("workerFailed") });
    };
    const previous = localStorage.getItem(CHECKPOINT_STORE);
    worker.postMessage({
      type: "start",
      verifierKey,
      ...(policy.trim() ? { witnessPolicy: policy } : {}),
      ...(previous ? { previous } : {}),
    } satisfies TVerifyWorkerRequest);
  }

  const running = state.status === "running";
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="verify-settings" className={card}>
        <h2 id="verify-settings" className="text-xl font-semibold">
          {t("settings")}
        </h2>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("key")}</span>
          <input
            className="rounded border border-slate-400 px-2 py-1 font-mono text-sm"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder={t("keyPlaceholder")}
            spellCheck={false}
            aria-describedby="verify-key-help"
          />
          <span id="verify-key-help" className="text-sm text-slate-700">
            {t("keyHelp")}
          </span>
        </label>
        {pinnedNotice ? <p className="text-sm text-slate-800">{pinnedNotice}</p> : null}
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("policy")}</span>
          <textarea
            className="min-h-16 rounded border border-slate-400 px-2 py-1 font-mono text-sm"
            value={policy}
            onChange={(e) => setPolicy(e.target.value)}
            spellCheck={false}
            aria-describedby="verify-policy-help"
          />
          <span id="verify-policy-help" className="text-sm text-slate-700">
            {t("policyHelp")}
          </span>
        </label>
        <button type="button" className={button} onClick={run} disabled={running}>
          {running ? t("running") : t("start")}
        </button>
      </section>

      {state.status !== "idle" ? (
        <section aria-labelledby="verify-progress" className={card}>
          <h2 id="verify-progress" className="text-xl font-semibold">
            {t("progress")}
          </h2>
          <ul className="flex flex-col gap-2">
            {PHASES.map((phase) => {
              const p =
                state.status === "running"
                  ? state.progress[phase]
                  : state.status === "done" && state.report.timings[phase] !== undefined
                    ? { phase, done: 1, total: 1 }
                    : undefined;
              const pct = p ? Math.round((p.total === 0 ? 1 : p.done / p.total) * 100) : 0;
              return (
                <li key={phase} className="grid grid-cols-[8rem_1fr_4rem] items-center gap-2">
                  <span id={`phase-${phase}`}>{t(`phase.${phase}`)}</span>
                  <div
                    role="progressbar"
                    aria-labelledby={`phase-${phase}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={pct}
                    className="h-3 overflow-hidden rounded bg-slate-200"
                  >
                    <div className="h-full bg-brand-700" style={{ width: `${pct}%` }} />
                  </div>
                  <span className="text-right text-sm tabular-nums">{pct}%</span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <div aria-live="polite">
        {state.status === "failed" ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {t("error", { reason: state.message })}
          </p>
        ) : null}
        {state.status === "done" ? <VerifyResult report={state.report} /> : null}
      </div>
    </div>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  const t = useTranslations("verifyPage");
  return (
    <section aria-labelledby="verify-result" className={card}>
      <h2
        id="verify-result"
        className={`text-xl font-semibold ${report.ok ? "text-green-800" : "text-red-800"}`}
        data-testid="verify-verdict"
      >
        {report.ok
          ? t("verified", { size: report.size })
          : t("notVerified", { count: report.findings.length })}
      </h2>
      <p className="break-all font-mono text-sm">
        {t("checkpointLine", { origin: report.origin, size: report.size, root: report.rootHash })}
      </p>
      <h3 className="font-semibold">{t("checked")}</h3>
      <ul className="flex flex-col gap-1">
        {report.checks.map((c) => (
          <li key={`${c.phase}-${c.text}`}>
            <span aria-hidden="true">{c.ok ? "✓ " : "✗ "}</span>
            <span className="sr-only">{c.ok ? t("ok") : t("failedCheck")}</span>
            <span className="font-medium">{t(`phase.${c.phase}`)}:</span> {c.text}
          </li>
        ))}
      </ul>
      {report.polls.length > 0 ? (
        <>
          <h3 className="font-semibold">{t("polls")}</h3>
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead>
                <tr>
                  <th scope="col" className="pr-4">
                    {t("pollTitle")}
                  </th>
                  <th scope="col" className="pr-4">
                    {t("recount")}
                  </th>
                  <th scope="col">{t("tally")}</th>
                </tr>
              </thead>
              <tbody>
                {report.polls.map((p) => (
                  <tr key={p.pollId} className="border-t border-slate-200 align-top">
                    <td className="py-1 pr-4">{p.title}</td>
                    <td className="py-1 pr-4">
                      {p.options.map((o, i) => `${o}: ${p.counts[i] ?? "?"}`).join(" · ")} —{" "}
                      {t("turnout", { count: p.turnout })}
                      {p.rounds ? (
                        <span className="block">
                          {t("runoff", {
                            rounds: p.rounds.length,
                            winner:
                              p.winner === null || p.winner === undefined
                                ? "—"
                                : (p.options[p.winner] ?? "?"),
                          })}
                        </span>
                      ) : null}
                      {p.funded ? (
                        <span className="block">
                          {t("funded", {
                            projects: p.funded.map((i) => p.options[i] ?? "?").join(", ") || "—",
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-1">
                      {p.closedIndex === null ? t("open") : p.matches ? t("matches") : t("mismatch")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {report.processes.length > 0 ? (
        <>
          <h3 className="font-semibold">{t("processes")}</h3>
          <ul className="flex flex-col gap-2 text-sm">
            {report.processes.map((proc) => (
              <li key={proc.processId}>
                <span className="font-medium">{proc.title}</span>{" "}
                {t("processState", { phase: proc.phase, proposals: proc.proposals.length })}
                <ul className="list-disc pl-6">
                  {proc.proposals.map((p) => (
                    <li key={p.proposalId}>
                      {p.title}:{" "}
                      {t("proposalState", {
                        supports: p.supports,
                        threshold: proc.supportThreshold,
                        advanced: p.advancedIndex === null ? "no" : "yes",
                      })}
                      {p.responses.length > 0 ? ` · ${p.responses.join(" → ")}` : ""}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.findings.length > 0 ? (
        <>
          <h3 className="font-semibold">{t("findings")}</h3>
          <ul className="flex flex-col gap-2">
            {report.findings.map((f) => (
              <li key={`${f.code}-${f.index}-${f.message}`} className="rounded border border-red-300 p-2">
                <span className="font-mono">{f.code}</span>{" "}
                {f.index === null ? t("atCheckpoint") : t("atEntry", { index: f.index })}: {f.message}
                {f.evidence
                  ? Object.entries(f.evidence).map(([name, value]) => (
                      <pre key={name} className="mt-1 overflow-x-auto bg-slate-50 p-2 text-xs">
                        {name}:{"\n"}
                        {value}
                      </pre>
                    ))
                  : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
