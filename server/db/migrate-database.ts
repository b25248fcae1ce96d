import path from "node:path";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client";

/** Arbitrary but fixed key: every Plaza instance serialises schema migrations on it. */
const MIGRATION_LOCK_KEY = 0x706c617a61; // "plaza"

export function migrationsFolder(): string {
  return path.join(process.cwd(), "drizzle");
}

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL several instances may start at
 * once, so the migrator runs under a session-level advisory lock on one dedicated connection:
 * the second instance waits, then finds nothing left to apply.
 */
export async function migrateDatabase(handle: DatabaseHandle, url?: string): Promise<void> {
  const folder = migrationsFolder();
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: folder });
    return;
  }
  if (!url) throw new TypeError("migrateDatabase: a PostgreSQL URL is required");
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(db, { migrationsFolder: folder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
