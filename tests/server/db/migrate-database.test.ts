import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { firstRow } from "@/server/db/first-row";
import { migrateDatabase } from "@/server/db/migrate-database";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("migrateDatabase", () => {
  it("is a no-op the second time, and safe when instances migrate at once", async () => {
    const second = t.url ? await openDatabase({ kind: "postgres", url: t.url }) : t;
    await Promise.all([migrateDatabase(t, t.url), migrateDatabase(second, t.url)]);
    const rows = await t.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(firstRow<{ n: number }>(rows)?.n).toBeGreaterThan(0);
    const tables = await t.db.execute(sql`select to_regclass('public.districts') as t`);
    expect(firstRow<{ t: string | null }>(tables)?.t).toBe("districts");
    if (second !== t) await second.close();
  });
});
