import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate-database";

export interface TestDb extends DatabaseHandle {
  /** For PostgreSQL runs: the URL of this test's own database (to open a second connection). */
  url?: string;
}

/**
 * A fresh, migrated database for one test file. The integration project runs on an in-memory
 * PGlite; the integration-pg project (TEST_DATABASE_URL set) creates a throw-away database on
 * the PostgreSQL server and drops it on close, so runs never see each other's data.
 */
export async function createTestDb(): Promise<TestDb> {
  if (process.env.PLAZA_TEST_DB !== "postgres") {
    const handle = await openDatabase({ kind: "pglite" });
    await migrateDatabase(handle);
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("PLAZA_TEST_DB=postgres needs TEST_DATABASE_URL");
  return createThrowawayPostgres(adminUrl);
}

/** A new, migrated database on the server at `adminUrl`, dropped on close (tests, benchmarks). */
export async function createThrowawayPostgres(adminUrl: string, prefix = "plaza_test"): Promise<TestDb> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrateDatabase(handle, url.toString());
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
