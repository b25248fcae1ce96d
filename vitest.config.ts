import path from "node:path";
import { defineConfig } from "vitest/config";

// Three projects: pure unit tests (core/, circuits/), integration tests against a fresh embedded
// PGlite per file, and the same integration suite against a real PostgreSQL server when
// TEST_DATABASE_URL is set (scripts/test.ts runs it then).
const alias = { "@": path.resolve(import.meta.dirname) };
const integration = ["tests/server/**/*.test.ts"];
// *.pg.test.ts need a real PostgreSQL server (several OS processes sharing one database).
const postgresOnly = "tests/server/**/*.pg.test.ts";

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: [...integration, "tests/e2e/**"],
          testTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: integration,
          exclude: [postgresOnly],
          env: { PLAZA_TEST_DB: "pglite" },
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration-pg",
          include: integration,
          env: { PLAZA_TEST_DB: "postgres" },
          testTimeout: 180_000,
        },
      },
    ],
  },
});
