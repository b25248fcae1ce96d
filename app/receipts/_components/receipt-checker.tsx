"use client";

import { createTRPCClient, httpLink } from "@trpc/client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import type { TPollResults } from "@/server/api/routers/results-router";
import {
  type CheckStepResult,
  checkReceipt,
  formatReceiptFile,
  httpReceiptSources,
  parseReceiptFile,
  type ReceiptCheck,
} from "../../_lib/check-receipt";
import { downloadFile } from "../../_lib/download-file";
import { getReceipt, listReceipts, type StoredReceipt, saveReceipt } from "../../_lib/receipt-store";

/** A pending receipt is checked again this many times, this far apart, before the page waits for a click. */
const PENDING_RETRIES = 5;
const PENDING_DELAY_MS = 2_000;

let resultsClient: ReturnType<typeof createTRPCClient<AppRouter>> | null = null;

/**
 * The published results, read like every request of this page: one request at a time (not
 * batched with anything) and without cookies, so the server cannot tie the check to a session.
 */
function fetchResults(pollId: string): Promise<TPollResults> {
  resultsClient ??= createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "/api/trpc",
        transformer: superjson,
        fetch: (url, init) =>
          fetch(url, { ...(init as RequestInit), credentials: "omit", cache: "no-store" }),
      }),
    ],
  });
  return resultsClient.results.get.query({ pollId });
}

/** Outcomes where every check passed. */
const VERIFIED = new Set<ReceiptCheck["outcome"]>(["open", "counted", "superseded"]);

/** Two receipts for the same vote: the same entry, poll, voter, ballot and sequence. */
function sameVote(a: StoredReceipt, b: StoredReceipt): boolean {
  return (
    a.entryIndex === b.entryIndex &&
    a.pollId === b.pollId &&
    a.nullifier === b.nullifier &&
    a.sequence === b.sequence &&
    a.ballot.length === b.ballot.length &&
    a.ballot.every((v, i) => v === b.ballot[i])
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type CheckState = ReceiptCheck | { outcome: "checking" } | null;

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const button =
  "rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60";
const link = "text-brand-700 underline underline-offset-4";

/** Steps whose failure a fresh proof from the server might resolve (a damaged kept proof). */
const PROOF_STEPS = new Set(["proof", "signature", "inclusion"]);

const icon = { passed: "✓", failed: "✗" } as const;

export function ReceiptChecker() {
  const t = useTranslations("receiptCheck");
  const format = useFormatter();
  const [receipts, setReceipts] = useState<StoredReceipt[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [checks, setChecks] = useState<Record<string, CheckState>>({});
  const [polls, setPolls] = useState<Record<string, TPollResults>>({});
  const [importText, setImportText] = useState("");
  const [importError, setImportError] = useState<string | null>(null);
  const [importDone, setImportDone] = useState<string | null>(null);

  const setCheck = useCallback((entryIndex: string, state: CheckState) => {
    setChecks((c) => ({ ...c, [entryIndex]: state }));
  }, []);

  const run = useCallback(
    async (receipt: StoredReceipt, fresh = false) => {
      setCheck(receipt.entryIndex, { outcome: "checking" });
      // Fetched at once, also to name the chosen options, even if the check stops before the tally.
      const results = fetchResults(receipt.pollId);
      results.then(
        (r) => setPolls((p) => ({ ...p, [receipt.pollId]: r })),
        () => undefined,
      );
      const sources = httpReceiptSources({
        pollResults: (pollId) => (pollId === receipt.pollId ? results : fetchResults(pollId)),
      });
      const input = fresh ? { ...receipt, tlogProof: undefined } : receipt;
      let result = await checkReceipt(input, sources);
      for (let i = 0; result.outcome === "pending" && i < PENDING_RETRIES; i++) {
        setCheck(receipt.entryIndex, result);
        await sleep(PENDING_DELAY_MS);
        result = await checkReceipt(input, sources);
      }
      // Keep the proof once the whole check passed: later checks need no request naming this entry.
      if (VERIFIED.has(result.outcome) && result.tlogProof && result.tlogProof !== receipt.tlogProof) {
        const kept = { ...receipt, tlogProof: result.tlogProof };
        await saveReceipt(kept).catch(() => undefined);
        setReceipts((rs) => rs?.map((r) => (r.entryIndex === kept.entryIndex ? kept : r)) ?? rs);
      }
      setCheck(receipt.entryIndex, result);
      return result;
    },
    [setCheck],
  );

  useEffect(() => {
    let live = true;
    listReceipts()
      .then(async (all) => {
        if (!live) return;
        setReceipts(all);
        // One after another: each check is a handful of small requests.
        for (const r of all) {
          if (!live) return;
          await run(r);
        }
      })
      .catch(() => {
        if (live) setLoadFailed(true);
      });
    return () => {
      live = false;
    };
  }, [run]);

  async function importReceipt(text: string) {
    setImportError(null);
    setImportDone(null);
    let receipt: StoredReceipt;
    try {
      receipt = parseReceiptFile(text);
    } catch (e) {
      setImportError(t("import.invalid", { reason: e instanceof Error ? e.message : String(e) }));
      return;
    }
    // A file never replaces a different receipt this browser already keeps for the same entry.
    const existing = await getReceipt(receipt.entryIndex).catch(() => undefined);
    if (existing && !sameVote(existing, receipt)) {
      setImportError(t("import.conflict", { index: receipt.entryIndex }));
      return;
    }
    setImportText("");
    setReceipts((rs) => [
      existing ?? receipt,
      ...(rs ?? []).filter((r) => r.entryIndex !== receipt.entryIndex),
    ]);
    if (existing) {
      setImportDone(t("import.known", { index: receipt.entryIndex }));
      await run(existing);
      return;
    }
    const result = await run(receipt);
    // Kept only once it checks out (or is merely waiting for a checkpoint): a receipt that fails
    // is shown, not stored.
    if (VERIFIED.has(result.outcome) || result.outcome === "pending") {
      const kept = result.tlogProof ? { ...receipt, tlogProof: result.tlogProof } : receipt;
      const saved = await saveReceipt(kept).then(
        () => true,
        () => false,
      );
      setImportDone(t(saved ? "import.kept" : "import.notKept", { index: receipt.entryIndex }));
    } else {
      setImportDone(t("import.notKeptFailed", { index: receipt.entryIndex }));
    }
  }

  function download(receipt: StoredReceipt) {
    downloadFile(`plaza-receipt-${receipt.entryIndex}.json`, formatReceiptFile(receipt), "application/json");
  }

  function stepText(s: CheckStepResult, check: ReceiptCheck): string {
    if (!s.ok) return t(`failures.${check.failure ?? "inclusionInvalid"}`);
    if (s.step === "tally")
      return t(`steps.tally.${check.outcome as "open" | "counted" | "superseded"}`, s.values);
    return t(`steps.${s.step}.ok`, s.values);
  }

  function choice(receipt: StoredReceipt): string {
    const options = polls[receipt.pollId]?.options;
    if (receipt.ballot.length === 0) return t("receipt.noChoice");
    return receipt.ballot.map((i) => options?.[i] ?? t("receipt.optionNumber", { number: i + 1 })).join(", ");
  }

  function outcomeText(check: CheckState): { text: string; tone: string } | null {
    if (check === null) return null;
    switch (check.outcome) {
      case "checking":
        return { text: t("outcome.checking"), tone: "text-slate-800" };
      case "pending":
        return { text: t("outcome.pending"), tone: "text-slate-800" };
      case "error":
        return { text: t("outcome.error", { reason: check.detail ?? "" }), tone: "text-red-700" };
      case "failed":
        return { text: t("outcome.failed"), tone: "text-red-700" };
      default:
        return { text: t(`outcome.${check.outcome}`), tone: "text-green-800" };
    }
  }

  return (
    <>
      <section aria-labelledby="receipts-title" className="flex flex-col gap-4">
        <h2 id="receipts-title" className="text-xl font-semibold">
          {t("listTitle")}
        </h2>
        {loadFailed ? (
          <p role="alert" className="text-red-700">
            {t("loadFailed")}
          </p>
        ) : receipts === null ? (
          <p aria-live="polite">{t("loading")}</p>
        ) : receipts.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {receipts.map((receipt) => {
              const check = checks[receipt.entryIndex] ?? null;
              const outcome = outcomeText(check);
              const done = check !== null && check.outcome !== "checking";
              const headingId = `receipt-${receipt.entryIndex}`;
              return (
                <li key={receipt.entryIndex}>
                  <article aria-labelledby={headingId} className={card} data-entry={receipt.entryIndex}>
                    <h3 id={headingId} className="text-lg font-semibold">
                      {t("receipt.title", { poll: receipt.pollTitle })}
                    </h3>
                    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
                      <dt className="font-medium">{t("receipt.entry")}</dt>
                      <dd>
                        <Link
                          href={`/ledger/entries/${receipt.entryIndex}`}
                          prefetch={false}
                          className={link}
                        >
                          {t("receipt.entryLink", { index: receipt.entryIndex })}
                        </Link>
                      </dd>
                      <dt className="font-medium">{t("receipt.choice")}</dt>
                      <dd>{choice(receipt)}</dd>
                      <dt className="font-medium">{t("receipt.sequence")}</dt>
                      <dd>{receipt.sequence}</dd>
                      <dt className="font-medium">{t("receipt.castAt")}</dt>
                      <dd>
                        {Number.isNaN(Date.parse(receipt.castAt))
                          ? receipt.castAt
                          : format.dateTime(new Date(receipt.castAt), {
                              dateStyle: "medium",
                              timeStyle: "short",
                            })}
                      </dd>
                      <dt className="font-medium">{t("receipt.results")}</dt>
                      <dd>
                        <Link
                          href={`/districts/${receipt.districtSlug}/polls/${receipt.pollId}/results`}
                          className={link}
                        >
                          {t("receipt.resultsLink")}
                        </Link>
                      </dd>
                    </dl>
                    <div
                      aria-live="polite"
                      className="flex flex-col gap-2"
                      data-outcome={check?.outcome ?? "none"}
                    >
                      {outcome ? <p className={`font-semibold ${outcome.tone}`}>{outcome.text}</p> : null}
                      {check && check.outcome !== "checking" && check.steps.length > 0 ? (
                        <ol className="flex flex-col gap-1">
                          {check.steps.map((s) => (
                            <li key={s.step} data-step={s.step} data-ok={s.ok} className="flex gap-2">
                              <span
                                aria-hidden="true"
                                className={`w-5 shrink-0 font-bold ${s.ok ? "text-green-800" : "text-red-700"}`}
                              >
                                {s.ok ? icon.passed : icon.failed}
                              </span>
                              <span>
                                <span className="font-medium">
                                  {t(`steps.${s.step}.name`)}
                                  <span className="sr-only"> ({s.ok ? t("passed") : t("failed")})</span>
                                </span>{" "}
                                <span className="wrap-anywhere text-slate-800">{stepText(s, check)}</span>
                                {!s.ok && check.detail ? (
                                  <span className="block text-sm text-slate-700 wrap-anywhere">
                                    {t("detail", { detail: check.detail })}
                                  </span>
                                ) : null}
                              </span>
                            </li>
                          ))}
                        </ol>
                      ) : null}
                    </div>
                    <div className="flex flex-wrap gap-3">
                      <button type="button" className={button} disabled={!done} onClick={() => run(receipt)}>
                        {t("checkAgain")}
                      </button>
                      {done &&
                      check.outcome === "failed" &&
                      receipt.tlogProof &&
                      PROOF_STEPS.has(check.steps.at(-1)?.step ?? "tally") ? (
                        <button type="button" className={button} onClick={() => run(receipt, true)}>
                          {t("checkFresh")}
                        </button>
                      ) : null}
                      <button type="button" className={button} onClick={() => download(receipt)}>
                        {t("download")}
                      </button>
                    </div>
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="import-title" className={card}>
        <h2 id="import-title" className="text-xl font-semibold">
          {t("import.title")}
        </h2>
        <p className="max-w-2xl text-slate-700">{t("import.intro")}</p>
        <div className="flex flex-col gap-1">
          <label htmlFor="receipt-file" className="font-medium">
            {t("import.file")}
          </label>
          <input
            id="receipt-file"
            type="file"
            accept=".json,application/json,text/plain"
            className="max-w-md"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = "";
              if (file) await importReceipt(await file.text());
            }}
          />
        </div>
        <form
          className="flex flex-col gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            await importReceipt(importText);
          }}
        >
          <label htmlFor="receipt-text" className="font-medium">
            {t("import.paste")}
          </label>
          <textarea
            id="receipt-text"
            rows={6}
            value={importText}
            onChange={(e) => setImportText(e.target.value)}
            className="max-w-2xl rounded border border-slate-400 p-2 font-mono text-sm"
          />
          <button
            type="submit"
            className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
            disabled={importText.trim() === ""}
          >
            {t("import.submit")}
          </button>
        </form>
        <div aria-live="polite">
          {importError ? <p className="text-red-700">{importError}</p> : null}
          {importDone ? <p className="text-green-800">{importDone}</p> : null}
        </div>
      </section>
    </>
  );
}
