import type { DatabaseHandle } from "@/server/db/client";
import { createThrowawayPostgres } from "../tests/helpers/create-test-db";

/** A new, migrated database on the benchmark's PostgreSQL server, dropped on close. */
export function freshPostgres(): Promise<DatabaseHandle> {
  return createThrowawayPostgres(
    process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    "plaza_bench",
  );
}
