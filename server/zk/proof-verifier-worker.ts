import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import {
  type Bn254Engine,
  createBn254Engine,
  type Groth16VerificationKey,
  parseVerificationKey,
  verifySemaphoreBatch,
} from "../../core/groth16";
import { ArtifactIntegrityError } from "./artifact-integrity-error";
import { artifactPath } from "./artifact-path";
import { loadManifest, MANIFEST_NAME, MAX_DEPTH, MIN_DEPTH } from "./manifest";
import { buildBn254Wasm } from "./proof-verifier-pool";

// One worker thread of createProofVerifier: receives a chunk of Semaphore proofs, answers with one
// boolean per proof. Everything here runs off the main thread; each worker owns a WASM engine.

/** Main thread → worker. */
export interface TVerifyRequest {
  readonly id: number;
  readonly proofs: readonly unknown[];
  readonly batchSize: number;
}

/** Worker → main thread: `ready` once the engine is built, then one answer per request. */
export type TVerifyResponse =
  | { readonly ready: true }
  | { readonly id: number; readonly results: boolean[] }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

const port = parentPort;
if (!port) throw new Error("proof-verifier-worker must run in a worker thread");

const engine: Promise<Bn254Engine> = Promise.resolve().then(() => createBn254Engine(buildBn254Wasm()));
// Tell the pool the worker can take work; a failure here (no snarkjs, no WebAssembly) is thrown
// out of the worker, which the pool reports instead of restarting it.
engine.then(
  () => port.postMessage({ ready: true } satisfies TVerifyResponse),
  (e: unknown) => {
    throw e;
  },
);
const keys = new Map<number, Groth16VerificationKey>();
const loading = new Map<number, Promise<void>>();

/**
 * The verification key of one depth from the pinned artifacts, read once. The file's sha256 is
 * checked against circuits/manifest.json here too, not only at start-up: this is the key that
 * decides which votes count.
 */
function loadKey(depth: number): Promise<void> {
  let pending = loading.get(depth);
  if (!pending) {
    pending = (async () => {
      const manifest = await loadManifest();
      const entry = manifest.artifacts.depths.find((d) => d.depth === depth)?.json;
      if (!entry) throw new RangeError(`${MANIFEST_NAME} lists no verification key for depth ${depth}`);
      const bytes = await readFile(artifactPath(depth, "json"));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (sha256 !== entry.sha256) {
        throw new ArtifactIntegrityError(
          entry.file,
          `ZK artifact ${entry.file} does not match ${MANIFEST_NAME}: expected sha256 ${entry.sha256}, got ${sha256}`,
        );
      }
      keys.set(depth, parseVerificationKey(JSON.parse(bytes.toString("utf8")), entry.file));
    })();
    loading.set(depth, pending);
    pending.catch(() => loading.delete(depth));
  }
  return pending;
}

async function handle(request: TVerifyRequest): Promise<boolean[]> {
  const ready = await engine;
  // Load the keys of the depths present; a malformed depth is left for decoding to report.
  const depths = new Set<number>();
  for (const proof of request.proofs) {
    const depth = (proof as { merkleTreeDepth?: unknown } | null)?.merkleTreeDepth;
    if (typeof depth === "number" && Number.isInteger(depth) && depth >= MIN_DEPTH && depth <= MAX_DEPTH) {
      depths.add(depth);
    }
  }
  await Promise.all([...depths].map(loadKey));
  return verifySemaphoreBatch(keys, request.proofs, { engine: ready, maxBatchSize: request.batchSize });
}

port.on("message", (request: TVerifyRequest) => {
  handle(request).then(
    (results) => port.postMessage({ id: request.id, results } satisfies TVerifyResponse),
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({
        id: request.id,
        error: { name: error.name, message: error.message },
      } satisfies TVerifyResponse);
    },
  );
});
