"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { openCheckpoint, parseCheckpoint } from "@/core/checkpoint";
import { decodeBase64, encodeBase64 } from "@/core/encoding";
import { hashLeaf, rootFromInclusionProof } from "@/core/merkle";
import { parseSignedNote, parseVerifierKey } from "@/core/note";

const STEPS = ["fetch", "signature", "leaf", "root"] as const;
type StepId = (typeof STEPS)[number];
type StepState = { status: "waiting" | "working" | "passed" | "failed"; message?: string };
type Steps = Record<StepId, StepState>;

const initialSteps = (): Steps => ({
  fetch: { status: "waiting" },
  signature: { status: "waiting" },
  leaf: { status: "waiting" },
  root: { status: "waiting" },
});

/** A check that did not pass, with the sentence to show for it. */
class CheckFailed extends Error {}

async function download(url: string): Promise<Response> {
  // no-store: the point is to check what the server serves now, not a cached copy.
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

interface InclusionJson {
  index: string;
  size: string;
  leafHash: string;
  proof: string[];
}

interface EntriesJson {
  entries: { index: string; data: string }[];
}

/**
 * Re-checks an entry's inclusion in the signed log entirely in the browser, trusting nothing the
 * page rendered: it downloads the raw public ledger resources (the same ones an observer uses) and
 * runs Plaza's protocol code from core/ on them.
 *
 * 1. Download the signed checkpoint, the log's verifier key, the entry's bytes and an inclusion
 *    proof for exactly the checkpoint's tree size (so a checkpoint signed in between cannot make a
 *    correct proof look wrong).
 * 2. The checkpoint must carry a valid signature by that key, for the key's own log name: only
 *    then do its size and root hash mean anything.
 * 3. Hash the entry bytes as RFC 6962 leaves are hashed, SHA-256(0x00 || bytes).
 * 4. Fold the proof's sibling hashes into that leaf hash (RFC 9162 2.1.3.2); the result must be
 *    the signed root, which proves the entry sits at this index in the signed tree.
 */
export function RecomputeProof({ index }: { index: string }) {
  const t = useTranslations("ledger.recompute");
  const [steps, setSteps] = useState<Steps>(initialSteps);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<"passed" | "failed" | null>(null);

  async function run() {
    setRunning(true);
    setOutcome(null);
    const current = initialSteps();
    const update = (id: StepId, state: StepState) => {
      current[id] = state;
      setSteps({ ...current });
    };
    let step: StepId = "fetch";
    const begin = (id: StepId) => {
      step = id;
      update(id, { status: "working" });
    };
    setSteps({ ...current });
    try {
      begin("fetch");
      const [note, vkey, entries] = await Promise.all([
        download("/ledger/checkpoint").then((r) => r.text()),
        download("/ledger/vkey").then((r) => r.text()),
        download(`/ledger/json/entries?start=${index}&limit=1`).then((r) => r.json() as Promise<EntriesJson>),
      ]);
      // Unverified here, only to ask for a proof against this very tree size; step 2 verifies it.
      const claimedSize = parseCheckpoint(parseSignedNote(note).textBytes).size;
      const inclusion = (await download(`/ledger/json/inclusion?index=${index}&size=${claimedSize}`).then(
        (r) => r.json(),
      )) as InclusionJson;
      const entry = entries.entries[0];
      if (!entry || entry.index !== index) throw new Error(`/ledger/json/entries: no entry ${index}`);
      const bytes = decodeBase64(entry.data, "entry data");
      const proof = inclusion.proof.map((h, i) => decodeBase64(h, `proof[${i}]`));
      update("fetch", {
        status: "passed",
        message: t("fetchOk", { size: claimedSize.toString(), hashes: proof.length, bytes: bytes.length }),
      });

      begin("signature");
      const verifier = parseVerifierKey(vkey.trim());
      const opened = openCheckpoint({ note, origin: verifier.name, verifiers: [verifier] });
      if (!opened) throw new CheckFailed(t("signatureBad"));
      const { checkpoint } = opened;
      update("signature", { status: "passed", message: t("signatureOk", { name: verifier.name }) });

      begin("leaf");
      const leafHash = hashLeaf(bytes);
      const leaf64 = encodeBase64(leafHash);
      if (leaf64 !== inclusion.leafHash) throw new CheckFailed(t("leafBad", { hash: leaf64 }));
      update("leaf", { status: "passed", message: t("leafOk", { hash: leaf64 }) });

      begin("root");
      const root = rootFromInclusionProof({ index: BigInt(index), size: checkpoint.size, leafHash, proof });
      const root64 = encodeBase64(root);
      if (BigInt(inclusion.size) !== checkpoint.size || root64 !== encodeBase64(checkpoint.rootHash))
        throw new CheckFailed(t("rootBad", { root: root64 }));
      update("root", { status: "passed", message: t("rootOk", { root: root64 }) });
      setOutcome("passed");
    } catch (e) {
      const message =
        e instanceof CheckFailed
          ? e.message
          : t("error", { reason: e instanceof Error ? e.message : String(e) });
      update(step, { status: "failed", message });
      setOutcome("failed");
    } finally {
      setRunning(false);
    }
  }

  const done = STEPS.filter((id) => steps[id].status === "passed" || steps[id].status === "failed").length;
  const started = running || outcome !== null;
  return (
    <div className="flex flex-col gap-3">
      <button
        type="button"
        onClick={run}
        disabled={running}
        aria-describedby="recompute-progress"
        className="self-start rounded bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {running ? t("running") : t("button")}
      </button>
      <div aria-live="polite" className="flex flex-col gap-3">
        <p id="recompute-progress" className="text-sm text-slate-700">
          {running ? t("progress", { current: Math.min(done + 1, STEPS.length), total: STEPS.length }) : null}
        </p>
        {started ? (
          <ol className="flex flex-col gap-2">
            {STEPS.map((id) => {
              const s = steps[id];
              return (
                <li key={id} data-step={id} data-status={s.status} className="flex gap-2">
                  <span aria-hidden="true" className={`w-5 shrink-0 font-bold ${iconColor[s.status]}`}>
                    {icon[s.status]}
                  </span>
                  <span>
                    <span className="font-medium">
                      {t(`steps.${id}`)}
                      <span className="sr-only"> ({t(s.status)})</span>
                    </span>
                    {s.message ? (
                      <span className="block text-sm text-slate-700 wrap-anywhere">{s.message}</span>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ol>
        ) : null}
        {outcome === "passed" ? (
          <p className="font-semibold text-green-800">{t("allPassed", { index })}</p>
        ) : outcome === "failed" ? (
          <p className="font-semibold text-red-700">{t("someFailed")}</p>
        ) : null}
      </div>
    </div>
  );
}

const icon: Record<StepState["status"], string> = { waiting: "·", working: "…", passed: "✓", failed: "✗" };
const iconColor: Record<StepState["status"], string> = {
  waiting: "text-slate-500",
  working: "text-slate-700",
  passed: "text-green-800",
  failed: "text-red-700",
};
