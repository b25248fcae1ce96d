import { defineConfig } from "@playwright/test";
import { E2E } from "./tests/e2e/e2e-config";

// Browser tests drive Debian's chromium (no downloaded browsers here or in CI). The global setup
// builds the app if needed, starts a real SMTP server that captures mail, and starts Plaza on a
// fresh embedded database; see tests/e2e/global-setup.ts.
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".cache/test-reports/e2e.json" }]],
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
