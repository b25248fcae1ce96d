import type { SemaphoreProofInput } from "@/core/verify";
import { type LedgerSource, parseWitnessPolicy, verifyLedger } from "@/core/verify";
import type { TVerifyWorkerMessage, TVerifyWorkerRequest } from "./verify-protocol";

/**
 * The /verify page's verifier, off the page's thread: `verifyLedger` (core/verify, the code
 * `plaza verify` runs) over this site's public tiles, read like any observer reads them, without
 * cookies and bypassing caches. There is no server-side shortcut: every entry bundle and tile is
 * fetched and checked here. Proof batches go back to the page, which spreads them over its proof
 * workers (one per core).
 */
const scope = self as unknown as {
  postMessage(message: TVerifyWorkerMessage): void;
  onmessage: ((event: MessageEvent<TVerifyWorkerRequest>) => void) | null;
};
const post = (m: TVerifyWorkerMessage) => scope.postMessage(m);

const pending = new Map<number, { resolve(results: boolean[]): void; reject(error: Error): void }>();
let nextId = 0;

function checkProofs(proofs: readonly SemaphoreProofInput[]): Promise<boolean[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({ type: "proofs", id, proofs });
  });
}

async function get(path: string): Promise<Response> {
  const res = await fetch(`/ledger/${path}`, { credentials: "omit", cache: "no-store" });
  if (!res.ok) throw new Error(`/ledger/${path}: HTTP ${res.status}`);
  return res;
}

const source: LedgerSource = {
  checkpoint: async () => (await get("checkpoint")).text(),
  tile: async (path) => new Uint8Array(await (await get(path)).arrayBuffer()),
};

scope.onmessage = async (event) => {
  const m = event.data;
  if (m.type === "proofs-done") {
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.results) waiter?.resolve(m.results);
    else waiter?.reject(new Error(m.error ?? "proof check failed"));
    return;
  }
  try {
    const report = await verifyLedger({
      source,
      verifierKey: m.verifierKey,
      verifyProofs: checkProofs,
      proofChunkSize: 256,
      proofParallelism: Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2)),
      onProgress: (progress) => post({ type: "progress", progress }),
      ...(m.previous ? { previous: m.previous } : {}),
      ...(m.witnessPolicy?.trim() ? { witnessPolicy: parseWitnessPolicy(m.witnessPolicy) } : {}),
    });
    post({ type: "done", report });
  } catch (e) {
    post({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
};
