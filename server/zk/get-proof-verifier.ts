import { createProofVerifier, type TProofVerifier } from "./proof-verifier-pool";

/**
 * The process-wide proof verifier (one worker per core), started by the first vote rather than at
 * start-up, so processes that never verify (build, CLI, most tests) start no threads. Kept on
 * globalThis like the database: Next.js bundles route handlers separately, and a module-level
 * variable would give each bundle its own set of workers.
 */
const KEY = Symbol.for("plaza.proofVerifier");
type Holder = { [KEY]?: TProofVerifier };

/**
 * How long a vote's proof may wait for others to share its batch. Votes arrive one request at a
 * time; without a wait most batches hold one or two proofs, at two to three times the cost per
 * proof of a batch of ten or more (measured over HTTP with bench/vote-http-bench.ts's load: ~3 ms
 * of worker CPU a vote without a wait, ~1.7 ms with 25 ms). 25 ms is nothing next to the second
 * a browser takes to prove.
 */
export const VOTE_LINGER_MS = 25;

export function getProofVerifier(): TProofVerifier {
  const holder = globalThis as Holder;
  holder[KEY] ??= createProofVerifier({ lingerMs: VOTE_LINGER_MS });
  return holder[KEY];
}

/**
 * Stops the workers, if they were started; pending checks reject. The next getProofVerifier()
 * starts a new set. Idle workers never keep the process alive, so a server that simply exits
 * need not call this; tests and benchmarks do.
 */
export async function closeProofVerifier(): Promise<void> {
  const holder = globalThis as Holder;
  const verifier = holder[KEY];
  delete holder[KEY];
  await verifier?.close();
}
