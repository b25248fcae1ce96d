import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TVerifyRequest, TVerifyResponse } from "./proof-verifier-worker";

// Batch verification of Semaphore proofs (core/groth16 verifySemaphoreBatch) spread over worker
// threads, so the event loop only sorts, slices and posts messages while the cores do the
// pairings. Workers start with the verifier, each with its own WASM engine, and load a depth's
// verification key (checked against circuits/manifest.json) the first time a proof of that depth
// comes.
//
// Worker entry: proof-verifier-worker.mjs, which registers tsx and imports proof-verifier-worker.ts,
// so the same code runs under `tsx` (benchmarks), vitest and the Next.js server (dev and
// production) with no build step of its own.

const WORKER_FILE = "proof-verifier-worker.mjs";
/** The entry's place in the source tree, for when this module runs from a bundle. */
const WORKER_SOURCE_DIR = ["server", "zk"];

let workerEntry: string | undefined;

/**
 * The absolute path of the worker entry, found at run time. Run from source (tsx, vitest) it sits
 * next to this module. Bundled by Next.js, `import.meta.url` names a chunk of the build output, so
 * the entry is taken from the source tree under the working directory, where `npm start`,
 * `next start` and `next dev` run (the tree is there: the worker imports its TypeScript). Written
 * as a computed path on purpose: a literal `new URL("./x.mjs", import.meta.url)` makes the bundler
 * copy the entry into the build as an asset, away from the TypeScript it imports.
 */
export function proofVerifierWorkerEntry(): string {
  workerEntry ??= findWorkerEntry();
  return workerEntry;
}

function findWorkerEntry(): string {
  const candidates: string[] = [];
  try {
    const here: unknown = import.meta.url;
    if (typeof here === "string" && here.startsWith("file:")) {
      candidates.push(path.join(path.dirname(fileURLToPath(here)), WORKER_FILE));
    }
  } catch {
    // Not a file URL (bundled code): the working directory below.
  }
  candidates.push(path.join(process.cwd(), ...WORKER_SOURCE_DIR, WORKER_FILE));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(`the proof verifier worker ${WORKER_FILE} is not in ${candidates.join(" or ")}`);
  return found;
}

interface TWasmcurves {
  buildBn128(moduleBuilder: unknown): void;
}
interface TWasmbuilder {
  ModuleBuilder: new () => { setMemory(pages: number): void; build(): Uint8Array };
}

/**
 * The BN254 WASM module exactly as snarkjs 0.7.5 gets it: ffjavascript 0.3.1's buildBn128 feeds a
 * 25-page wasmbuilder ModuleBuilder to wasmcurves' bn128 builder (same pinned versions, so the
 * same bytes; tests/zk compares them). Built here rather than taken from snarkjs because importing
 * snarkjs in a worker thread breaks: its web-worker dependency takes over any non-main thread as a
 * Web Worker emulation. Pure JS, about 0.2 s, run inside each worker.
 */
export function buildBn254Wasm(): Uint8Array {
  const require = createRequire(import.meta.url);
  const { buildBn128 } = require("wasmcurves") as TWasmcurves;
  const { ModuleBuilder } = require("wasmbuilder") as TWasmbuilder;
  const moduleBuilder = new ModuleBuilder();
  moduleBuilder.setMemory(25);
  buildBn128(moduleBuilder);
  return moduleBuilder.build();
}

/** Proofs per message to a worker, and per batch check there. */
const DEFAULT_BATCH_SIZE = 128;
const MAX_BATCH_SIZE = 1024;

export interface TProofVerifierOptions {
  /** Worker threads; default the number of cores (`os.availableParallelism()`). */
  readonly threads?: number;
  /**
   * Proofs per message to a worker, and per batch check (default 128). Larger batches spread the
   * one final exponentiation per check wider; smaller ones balance the cores better and cost less
   * when a batch fails and must be bisected.
   */
  readonly batchSize?: number;
  /**
   * Milliseconds queued work may wait for more before it goes to a worker (default 0: it goes as
   * soon as a worker is idle). A batch of one proof costs about as much as four in a batch of 128
   * (one final exponentiation and the key's pairings per batch: ~5.5 ms against ~1.2 ms a proof
   * at depth 11), so under a stream of single calls (votes) a short wait makes each proof several
   * times cheaper and leaves the cores to the event loop and the database. A full batch never waits.
   */
  readonly lingerMs?: number;
}

export interface TProofVerifier {
  readonly threads: number;
  /**
   * For each Semaphore proof in order, whether it is valid (the answer of Semaphore's
   * `verifyProof`). Proofs of different depths may be mixed. Rejects with a TypeError or
   * RangeError naming the first malformed proof found (`proofs[12].points[3]`), with an
   * ArtifactIntegrityError if a verification key does not match the manifest, and once closed.
   */
  verifyMany(proofs: readonly unknown[]): Promise<boolean[]>;
  /**
   * Whether one proof is valid; same errors as verifyMany. Calls made while the workers are busy
   * are merged and checked as one batch, so a service can verify vote by vote and still batch.
   */
  verify(proof: unknown): Promise<boolean>;
  /** Resolves once every worker has its engine (optional: verifyMany waits anyway). */
  ready(): Promise<void>;
  /** Stops the workers; pending calls reject. */
  close(): Promise<void>;
}

interface Task {
  readonly proofs: readonly unknown[];
  /** performance.now() when queued, for lingerMs. */
  readonly queuedAt: number;
  /** Set when a merged message failed: sent alone, so an error reaches only its own caller. */
  solo?: boolean;
  resolve(results: boolean[]): void;
  reject(error: Error): void;
}

/** One message to a worker: one or more tasks, merged up to batchSize proofs. */
interface Job {
  readonly id: number;
  readonly tasks: readonly Task[];
}

interface Slot {
  readonly worker: Worker;
  /** Set once the worker has built its engine. */
  started: boolean;
  job: Job | undefined;
}

/** Starts `threads` workers that verify Semaphore proofs in batches. */
export function createProofVerifier(options: TProofVerifierOptions = {}): TProofVerifier {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a positive integer, got ${String(threads)}`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new RangeError(
      `batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${String(batchSize)}`,
    );
  }
  const lingerMs = options.lingerMs ?? 0;
  if (!Number.isFinite(lingerMs) || lingerMs < 0 || lingerMs > MAX_LINGER_MS) {
    throw new RangeError(`lingerMs must be from 0 to ${MAX_LINGER_MS}, got ${String(lingerMs)}`);
  }
  let lingerTimer: ReturnType<typeof setTimeout> | undefined;

  const queue: Task[] = [];
  let nextId = 0;
  /** Why the verifier no longer works: closed, or a worker could not start. */
  let broken: Error | undefined;
  let readyWaiters: { resolve(): void; reject(error: Error): void }[] = [];

  const settleReady = () => {
    if (broken) for (const waiter of readyWaiters.splice(0)) waiter.reject(broken);
    else if (slots.every((slot) => slot.started))
      for (const waiter of readyWaiters.splice(0)) waiter.resolve();
  };

  const breakDown = (error: Error) => {
    broken ??= error;
    for (const task of queue.splice(0)) task.reject(broken);
    settleReady();
  };

  const spawn = (): Slot => {
    // Ref'd while starting (so awaiting ready() keeps the process up) and while busy; idle workers
    // must not keep the process alive.
    const worker = new Worker(proofVerifierWorkerEntry());
    const slot: Slot = { worker, started: false, job: undefined };
    worker.on("message", (response: TVerifyResponse) => {
      if ("ready" in response) {
        slot.started = true;
        if (!slot.job) worker.unref();
        settleReady();
        pump();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== response.id) return;
      slot.job = undefined;
      worker.unref();
      if ("results" in response) {
        let offset = 0;
        for (const task of job.tasks) {
          task.resolve(response.results.slice(offset, offset + task.proofs.length));
          offset += task.proofs.length;
        }
      } else if (job.tasks.length === 1) {
        job.tasks[0]?.reject(rebuildError(response.error));
      } else {
        // One caller's malformed proof must not fail the others merged with it: resend each alone.
        queue.unshift(...job.tasks.map((task) => Object.assign(task, { solo: true })));
      }
      pump();
    });
    const fail = (error: Error) => {
      const tasks = slot.job?.tasks ?? [];
      slot.job = undefined;
      const index = slots.indexOf(slot);
      if (index < 0) return; // already replaced
      for (const task of tasks) task.reject(error);
      if (!slot.started) {
        // A worker that cannot start will not start the next time either.
        slots.splice(index, 1);
        breakDown(new Error(`a proof verifier worker failed to start: ${error.message}`, { cause: error }));
        return;
      }
      if (broken) return;
      slots[index] = spawn();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`proof verifier worker exited with code ${code}`)));
    return slot;
  };

  // Hands queued work to idle workers. Calls that queued up while every worker was busy (single
  // votes arriving one by one, say) are merged into one message of up to batchSize proofs, so they
  // are checked as one batch too.
  //
  // With lingerMs, queued work waits until it makes a full batch or its oldest proof has waited
  // lingerMs; then the first idle worker takes all of it (up to batchSize).
  const pump = () => {
    const idle = slots.filter((slot) => slot.started && !slot.job);
    if (lingerMs > 0 && idle.length > 0 && queue.length > 0 && !broken) {
      let queued = 0;
      for (const task of queue) queued += task.proofs.length;
      const due = (queue[0] as Task).queuedAt + lingerMs;
      if (queued < batchSize && performance.now() < due) {
        if (!lingerTimer) {
          lingerTimer = setTimeout(
            () => {
              lingerTimer = undefined;
              pump();
            },
            Math.max(0, due - performance.now()),
          );
        }
        return;
      }
    }
    for (const [i, slot] of idle.entries()) {
      if (broken || queue.length === 0) return;
      // Without lingerMs, leave one call for each other idle worker: spread, not merged. With it,
      // the wait was for merging: each worker takes a full batch in turn.
      const otherIdle = lingerMs > 0 ? 0 : idle.length - i - 1;
      const tasks = [queue.shift() as Task];
      let count = (tasks[0] as Task).proofs.length;
      const mergeable = () =>
        queue.length > otherIdle && queue[0] && !queue[0].solo && !(tasks[0] as Task).solo;
      while (mergeable() && count + (queue[0] as Task).proofs.length <= batchSize) {
        const next = queue.shift() as Task;
        tasks.push(next);
        count += next.proofs.length;
      }
      const job: Job = { id: nextId++, tasks };
      slot.job = job;
      slot.worker.ref();
      const proofs = tasks.length === 1 ? (tasks[0] as Task).proofs : tasks.flatMap((task) => task.proofs);
      slot.worker.postMessage({ id: job.id, proofs, batchSize } satisfies TVerifyRequest);
    }
  };

  const slots: Slot[] = Array.from({ length: threads }, spawn);

  const run = (proofs: readonly unknown[]) =>
    new Promise<boolean[]>((resolve, reject) => {
      if (broken) return reject(broken);
      queue.push({ proofs, queuedAt: performance.now(), resolve, reject });
      pump();
    });

  const verifyMany = async (proofs: readonly unknown[]): Promise<boolean[]> => {
    if (broken) throw broken;
    if (!Array.isArray(proofs)) throw new TypeError(`proofs must be an array, got ${typeof proofs}`);
    if (proofs.length === 0) return [];
    // Proofs of one depth side by side: each batch then holds few verification keys.
    const depthOf = (i: number) => {
      const depth = (proofs[i] as { merkleTreeDepth?: unknown } | null)?.merkleTreeDepth;
      return typeof depth === "number" && Number.isFinite(depth) ? depth : Number.MAX_SAFE_INTEGER;
    };
    const order = proofs.map((_, i) => i).sort((a, b) => depthOf(a) - depthOf(b) || a - b);
    // At least one chunk per thread, so that a small call still uses every core.
    const size = Math.min(batchSize, Math.ceil(proofs.length / threads));
    const chunks: number[][] = [];
    for (let start = 0; start < order.length; start += size) chunks.push(order.slice(start, start + size));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        run(chunk.map((i) => proofs[i])).catch((error: Error) => {
          // The worker names a proof by its index in the chunk; name it as the caller knows it.
          error.message = error.message.replace(
            /^proofs\[(\d+)\]/,
            (_, j: string) => `proofs[${chunk[Number(j)]}]`,
          );
          throw error;
        }),
      ),
    );
    const results = new Array<boolean>(proofs.length).fill(false);
    chunks.forEach((chunk, c) => {
      const answer = answers[c] as boolean[];
      chunk.forEach((i, j) => {
        results[i] = answer[j] === true;
      });
    });
    return results;
  };

  // Plain closures, not methods: `deps: { verifyProof: verifier.verify }` must work.
  return {
    threads,
    verifyMany,
    async verify(proof) {
      try {
        const [valid] = await verifyMany([proof]);
        return valid === true;
      } catch (error) {
        if (error instanceof Error) error.message = error.message.replace(/^proofs\[0\]/, "proof");
        throw error;
      }
    },
    ready() {
      return new Promise<void>((resolve, reject) => {
        readyWaiters.push({ resolve, reject });
        settleReady();
      });
    },
    async close() {
      if (broken?.message === CLOSED) return;
      const error = new Error(CLOSED);
      broken = error;
      clearTimeout(lingerTimer);
      for (const task of queue.splice(0)) task.reject(error);
      settleReady();
      readyWaiters = [];
      await Promise.all(
        slots.splice(0).map(async (slot) => {
          for (const task of slot.job?.tasks ?? []) task.reject(error);
          slot.job = undefined;
          await slot.worker.terminate();
        }),
      );
    },
  };
}

const CLOSED = "the proof verifier is closed";
const MAX_LINGER_MS = 1_000;

/** Recreates a worker's error on this side with its class, so callers can tell bad input apart. */
function rebuildError({ name, message }: { name: string; message: string }): Error {
  const error =
    name === "TypeError"
      ? new TypeError(message)
      : name === "RangeError"
        ? new RangeError(message)
        : new Error(message);
  if (error.name !== name) error.name = name;
  return error;
}
