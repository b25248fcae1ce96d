import { checkCircuit } from "./check-circuit";

// `npm run circuits:check`: recompile semaphore.circom and show that the pinned ceremony
// artifacts are the ones it describes. The checks themselves live in check-circuit.ts (the test
// suite runs the same function); this only prints and sets the exit code.
const started = performance.now();
try {
  await checkCircuit({ log: (line) => console.log(line) });
  console.log(`circuits:check passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = 0;
} catch (e) {
  console.error(`FAIL ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
// snarkjs keeps its curve worker threads alive, so leave explicitly once the report is out.
process.exit();
