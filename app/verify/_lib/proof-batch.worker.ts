import * as snarkjs from "snarkjs";
import verificationKeys from "@/circuits/semaphore-verification-keys.json";
import {
  type Bn254Engine,
  createBn254Engine,
  loadBn254WasmFromSnarkjs,
  parseSemaphoreVerificationKeys,
  type SnarkjsCurves,
  verifySemaphoreBatch,
} from "@/core/groth16";
import type { TProofWorkerMessage, TProofWorkerRequest } from "./verify-protocol";

/**
 * One of the /verify page's proof checkers: Groth16 batch verification of Semaphore proofs
 * (core/groth16, the same code the server's worker threads and `plaza verify` run) on the WASM
 * arithmetic snarkjs uses, with the official keys bundled into this worker, never fetched.
 */
const scope = self as unknown as {
  postMessage(message: TProofWorkerMessage): void;
  onmessage: ((event: MessageEvent<TProofWorkerRequest>) => void) | null;
};

const keys = parseSemaphoreVerificationKeys(verificationKeys);
let engine: Promise<Bn254Engine> | undefined;

scope.onmessage = async (event) => {
  const { id, proofs } = event.data;
  try {
    // snarkjs exports its curves at run time; its type declarations omit them.
    engine ??= loadBn254WasmFromSnarkjs((snarkjs as unknown as { curves: SnarkjsCurves }).curves).then(
      createBn254Engine,
    );
    const results = verifySemaphoreBatch(keys, proofs, { engine: await engine });
    scope.postMessage({ id, results });
  } catch (e) {
    scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
