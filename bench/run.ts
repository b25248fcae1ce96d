/**
 * `npm run bench`: speed and memory goals live here, never in pass/fail tests. Each benchmark
 * prints its figures next to a reference measured in the same run, so ratios stay meaningful on
 * any machine. BENCH_ONLY=ledger runs one group.
 */
import { censusBench } from "./census-bench";
import { ledgerBench } from "./ledger-bench";

const only = process.env.BENCH_ONLY;
const groups: Record<string, () => Promise<string[]>> = {
  ledger: ledgerBench,
  census: censusBench,
  groth16: async () => (await import("./groth16-bench")).groth16Bench(),
  browser: async () => (await import("./browser-proof-bench")).browserProofBench(),
  votes: async () => (await import("./vote-http-bench")).voteHttpBench(),
  verify: async () => (await import("./verify-bench")).verifyBench(),
};
const summary: string[] = [];
for (const [name, run] of Object.entries(groups)) {
  if (only && only !== name) continue;
  summary.push(`# ${name}`, ...(await run()));
}
console.log(`\n=== summary\n${summary.join("\n")}`);
