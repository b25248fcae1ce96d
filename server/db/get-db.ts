import path from "node:path";
import { env } from "../env";
import { type DatabaseHandle, type Db, openDatabase } from "./client";
import { migrateDatabase } from "./migrate-database";

/**
 * The process-wide database. Kept on globalThis because Next.js bundles instrumentation and
 * route handlers separately; a module-level variable would give each bundle its own PGlite,
 * and two PGlite instances must never open the same data folder.
 */
const KEY = Symbol.for("plaza.database");
type Holder = { [KEY]?: Promise<DatabaseHandle> };

export function databaseTarget() {
  return env.DATABASE_URL
    ? ({ kind: "postgres", url: env.DATABASE_URL } as const)
    : ({ kind: "pglite", dataDir: path.join(env.PLAZA_DATA_DIR, "pgdata") } as const);
}

export function getDatabase(): Promise<DatabaseHandle> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const target = databaseTarget();
    const handle = await openDatabase(target);
    await migrateDatabase(handle, target.kind === "postgres" ? target.url : undefined);
    return handle;
  })();
  return holder[KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
