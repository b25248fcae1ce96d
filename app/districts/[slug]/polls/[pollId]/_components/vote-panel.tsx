"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { ballotMessage, type TBallotMethod } from "@/core/ballot";
import { ResidentError } from "../../../../../_components/resident-error";
import { getIdentity, type StoredIdentity } from "../../../../../_lib/identity-store";
import { postAnonymous, residentErrorCode } from "../../../../../_lib/prover/anonymous-request";
import { ballotFromChoices } from "../../../../../_lib/prover/ballot-from-choices";
import { latestLedgerSequence } from "../../../../../_lib/prover/latest-ledger-sequence";
import { artifactRef, prefetchArtifacts } from "../../../../../_lib/prover/load-artifact";
import { nextSequence } from "../../../../../_lib/prover/next-sequence";
import { VoteProver } from "../../../../../_lib/prover/prove-in-worker";
import type { TVoteStage } from "../../../../../_lib/prover/prover-protocol";
import { listReceipts, type StoredReceipt, saveReceipt } from "../../../../../_lib/receipt-store";
import { budgetStatus } from "../_lib/budget-selection";
import { BudgetChoices } from "./budget-choices";
import { RankedChoices } from "./ranked-choices";
import { VoteProgress, VoteStageAnnouncer } from "./vote-progress";

export interface VotePoll {
  id: string;
  title: string;
  options: string[];
  method: TBallotMethod;
  scope: string;
  frozenRoot: string;
  depth: number;
  openedEntry: string;
}

interface VoteReply {
  entryIndex: string;
  replaced: boolean;
  duplicate: boolean;
}

const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
const link = "text-brand-700 underline underline-offset-4";

/**
 * Voting in an open poll from this browser: the resident's identity for the district (IndexedDB),
 * a ballot form, the proof made in a Web Worker with a visible progress indicator, the vote sent
 * alone and cookie-less, and the receipt kept in this browser. While the poll is open the vote can
 * be changed: each new vote carries a higher sequence number and replaces the last one counted.
 * The form follows the poll's method: one choice (radio buttons), approval (checkboxes), a ranking
 * (RankedChoices) or projects within a budget (BudgetChoices); the ballot is checked in the
 * browser with the server's own rules (validateBallot) before any proof is made.
 */
export function VotePanel({
  poll,
  district,
  artifacts,
}: {
  poll: VotePoll;
  district: { id: string; slug: string; name: string };
  artifacts: { wasm: string; zkey: string };
}) {
  const t = useTranslations("resident.vote");
  const format = useFormatter();
  const ids = useId();
  const prover = useRef<VoteProver | null>(null);
  const lastTried = useRef(-1);
  const [identity, setIdentity] = useState<StoredIdentity | null | undefined>(undefined);
  const [receipts, setReceipts] = useState<StoredReceipt[]>([]);
  const [choices, setChoices] = useState<number[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [stage, setStage] = useState<TVoteStage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{
    receipt: StoredReceipt;
    provingMs: number;
    duplicate: boolean;
  } | null>(null);

  useEffect(() => {
    // Download the circuit artifacts while the resident reads and chooses.
    void prefetchArtifacts([artifactRef(artifacts.wasm), artifactRef(artifacts.zkey)]);
    let live = true;
    Promise.all([getIdentity(district.id), listReceipts()])
      .then(([id, all]) => {
        if (!live) return;
        const mine = all.filter((r) => r.pollId === poll.id).sort((a, b) => b.sequence - a.sequence);
        setIdentity(id ?? null);
        setReceipts(mine);
        if (mine[0]) setChoices(mine[0].ballot);
      })
      .catch(() => {
        if (live) setIdentity(null);
      });
    return () => {
      live = false;
      prover.current?.terminate();
      prover.current = null;
    };
  }, [artifacts.wasm, artifacts.zkey, district.id, poll.id]);

  const latest = receipts[0];
  const working = stage !== null;
  const { method } = poll;
  const approval = method.kind === "approval" ? method : null;
  const overBudget = method.kind === "budget" && budgetStatus(method, choices).over;
  const label = (ballot: number[]) =>
    ballot
      .map((i, k) => {
        const option = poll.options[i] ?? `#${i}`;
        return method.kind === "ranked" ? t("rankedChoice", { rank: k + 1, option }) : option;
      })
      .join(", ");
  const hint =
    method.kind === "approval"
      ? t("hintApproval", { min: method.min, max: method.max })
      : method.kind === "ranked"
        ? t("hintRanked", { max: method.maxRanks })
        : method.kind === "budget"
          ? t("hintBudget", { budget: format.number(method.budget) })
          : t("hintSingle");

  async function vote() {
    if (!identity) return;
    setError(null);
    setResult(null);
    const chosen = ballotFromChoices(poll.method, poll.options.length, choices);
    if (!chosen.ok) return setProblem(chosen.problem);
    setProblem(null);
    const { ballot } = chosen;
    try {
      // Two attempts at most: the second only after STALE_SEQUENCE, once the ledger has told us
      // the sequence this identity reached from another device.
      for (let attempt = 0; ; attempt++) {
        const sequence = nextSequence(receipts, poll.id, lastTried.current);
        setStage("members");
        prover.current ??= new VoteProver();
        const { proof, provingMs } = await prover.current.prove(
          {
            privateKey: identity.privateKey,
            commitment: identity.commitment,
            districtId: district.id,
            census: {
              kind: "frozen",
              ledgerSize: poll.openedEntry,
              frozenRoot: poll.frozenRoot,
              depth: poll.depth,
              artifacts: { wasm: artifactRef(artifacts.wasm), zkey: artifactRef(artifacts.zkey) },
            },
            scope: poll.scope,
            message: ballotMessage(ballot, sequence).toString(),
          },
          setStage,
        );
        setStage("sending");
        lastTried.current = sequence;
        let reply: VoteReply;
        try {
          reply = await postAnonymous<VoteReply>("/api/anon/vote", {
            pollId: poll.id,
            ballot,
            sequence,
            proof,
          });
        } catch (e) {
          if (attempt > 0 || residentErrorCode(e) !== "STALE_SEQUENCE") throw e;
          const onLedger = await latestLedgerSequence(poll.id, poll.openedEntry, proof.nullifier);
          lastTried.current = Math.max(lastTried.current, onLedger);
          continue;
        }
        const receipt: StoredReceipt = {
          entryIndex: reply.entryIndex,
          pollId: poll.id,
          districtSlug: district.slug,
          pollTitle: poll.title,
          ballot,
          sequence,
          nullifier: proof.nullifier,
          castAt: new Date().toISOString(),
        };
        await saveReceipt(receipt);
        setReceipts((rs) => [receipt, ...rs.filter((r) => r.entryIndex !== receipt.entryIndex)]);
        setResult({ receipt, provingMs, duplicate: reply.duplicate });
        return;
      }
    } catch (e) {
      setError(residentErrorCode(e));
    } finally {
      setStage(null);
    }
  }

  return (
    <section aria-labelledby="vote-title" className={card}>
      <h3 id="vote-title" className="text-xl font-semibold">
        {t("title")}
      </h3>
      {identity === undefined ? (
        <p>{t("checking")}</p>
      ) : identity === null ? (
        <div className="flex flex-col gap-2">
          <p>{t("noIdentity", { district: district.name })}</p>
          <p>
            <Link href={`/join?district=${district.slug}`} className={link}>
              {t("joinLink", { district: district.name })}
            </Link>
          </p>
        </div>
      ) : (
        <>
          {latest ? (
            <p>
              {t("voted", { choice: label(latest.ballot) })}{" "}
              <Link href={`/ledger/entries/${latest.entryIndex}`} prefetch={false} className={link}>
                {t("entryLink", { index: latest.entryIndex })}
              </Link>
            </p>
          ) : null}
          <form
            className="flex flex-col gap-3"
            aria-busy={working}
            onSubmit={(e) => {
              e.preventDefault();
              void vote();
            }}
          >
            <fieldset className="flex flex-col gap-2" disabled={working} aria-describedby={`${ids}-hint`}>
              <legend className="font-medium">{latest ? t("changeLegend") : t("legend")}</legend>
              <p id={`${ids}-hint`} className="text-sm text-slate-700">
                {hint}
              </p>
              {method.kind === "ranked" ? (
                <RankedChoices
                  options={poll.options}
                  maxRanks={method.maxRanks}
                  ranking={choices}
                  onChange={setChoices}
                />
              ) : method.kind === "budget" ? (
                <BudgetChoices
                  options={poll.options}
                  method={method}
                  chosen={choices}
                  onChange={setChoices}
                />
              ) : (
                poll.options.map((option, i) => (
                  <label key={option} className="flex items-center gap-2">
                    <input
                      type={approval ? "checkbox" : "radio"}
                      name="choice"
                      value={i}
                      checked={choices.includes(i)}
                      onChange={(e) =>
                        setChoices((cs) =>
                          approval ? (e.target.checked ? [...cs, i] : cs.filter((c) => c !== i)) : [i],
                        )
                      }
                      className="h-4 w-4"
                    />
                    {option}
                  </label>
                ))
              )}
            </fieldset>
            {problem ? (
              <p role="alert" className="text-red-700">
                {t(`problems.${problem}`, {
                  min: approval?.min ?? 1,
                  max: approval?.max ?? (method.kind === "ranked" ? method.maxRanks : 1),
                })}
              </p>
            ) : null}
            <ResidentError code={error} />
            <VoteStageAnnouncer stage={stage} />
            {stage ? <VoteProgress stage={stage} /> : null}
            <button
              type="submit"
              disabled={working || overBudget}
              className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              {latest ? t("change") : t("submit")}
            </button>
          </form>
          <div aria-live="polite">
            {result ? (
              <div
                role="status"
                className="flex flex-col gap-1 rounded border border-green-700 bg-green-50 p-3"
              >
                <p className="font-semibold text-green-900">
                  {t(result.duplicate ? "recordedBefore" : "recorded", { index: result.receipt.entryIndex })}
                </p>
                <p>{t("yourChoice", { choice: label(result.receipt.ballot) })}</p>
                <p className="text-sm text-slate-700">
                  {t("provedIn", {
                    seconds: format.number(result.provingMs / 1000, { maximumFractionDigits: 1 }),
                  })}
                </p>
                <p className="flex flex-wrap gap-4">
                  <Link
                    href={`/ledger/entries/${result.receipt.entryIndex}`}
                    prefetch={false}
                    className={link}
                  >
                    {t("entryLink", { index: result.receipt.entryIndex })}
                  </Link>
                  <Link href="/receipts" className={link}>
                    {t("receiptsLink")}
                  </Link>
                </p>
                <p className="text-sm text-slate-700">{t("canChange")}</p>
              </div>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
