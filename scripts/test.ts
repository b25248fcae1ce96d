import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * `npm test`: the whole suite, in order: static checks; unit and integration tests on PGlite;
 * the integration tests again on PostgreSQL when TEST_DATABASE_URL is set; then the browser
 * tests. Every step runs even if an earlier one failed, and the last line is the total count.
 */
const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".cache", "test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type Count = { passed: number; failed: number; skipped: number };
const total: Count = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function run(step: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${step}: ${path.basename(cmd)} ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(
    `=== ${step}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) failedSteps.push(step);
  return r.status === 0;
}

function addVitest(file: string) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  total.passed += j.numPassedTests;
  total.failed += j.numFailedTests;
  total.skipped += j.numPendingTests + j.numTodoTests;
}

function addPlaywright(file: string) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  };
  total.passed += j.stats.expected;
  total.failed += j.stats.unexpected + j.stats.flaky;
  total.skipped += j.stats.skipped;
}

run("check", "npm", ["run", "--silent", "check"]);

const unitJson = path.join(reports, "vitest.json");
run("unit + integration (PGlite)", bin("vitest"), [
  "run",
  "--project",
  "unit",
  "--project",
  "integration",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${unitJson}`,
]);
addVitest(unitJson);

if (process.env.TEST_DATABASE_URL) {
  const pgJson = path.join(reports, "vitest-pg.json");
  run("integration (PostgreSQL)", bin("vitest"), [
    "run",
    "--project",
    "integration-pg",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${pgJson}`,
  ]);
  addVitest(pgJson);
} else {
  console.log("\n=== integration (PostgreSQL): not run, TEST_DATABASE_URL is not set");
}

run("browser (Playwright + chromium)", bin("playwright"), ["test"]);
addPlaywright(path.join(reports, "e2e.json"));

if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(", ")}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length > 0 || total.failed > 0 ? 1 : 0);
