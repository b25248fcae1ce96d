import type { ProveRequest, ProverMessage, TVoteStage, WireSemaphoreProof } from "./prover-protocol";

export class ProverError extends Error {
  override name = "ProverError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A Web Worker that makes vote proofs, kept for the page's lifetime so a second proof (a changed
 * vote) reuses the warm snarkjs curve. One proof at a time.
 */
export class VoteProver {
  #worker: Worker | null = null;

  #get(): Worker {
    if (typeof Worker === "undefined")
      throw new ProverError("WORKER_UNSUPPORTED", "This browser cannot run Web Workers.");
    this.#worker ??= new Worker(new URL("./prove.worker.ts", import.meta.url), { type: "module" });
    return this.#worker;
  }

  prove(
    request: Omit<ProveRequest, "type">,
    onStage: (stage: Exclude<TVoteStage, "sending">) => void,
  ): Promise<{ proof: WireSemaphoreProof; provingMs: number }> {
    const worker = this.#get();
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
      };
      const onMessage = (event: MessageEvent<ProverMessage>) => {
        const m = event.data;
        if (m.type === "stage") onStage(m.stage);
        else if (m.type === "done") {
          cleanup();
          resolve({ proof: m.proof, provingMs: m.provingMs });
        } else {
          cleanup();
          reject(new ProverError(m.code, m.message));
        }
      };
      const onError = (event: ErrorEvent) => {
        cleanup();
        // A worker that failed to load or crashed is replaced on the next attempt.
        this.terminate();
        reject(new ProverError("PROVER_FAILED", event.message || "The prover stopped."));
      };
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      worker.postMessage({ type: "prove", ...request } satisfies ProveRequest);
    });
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
