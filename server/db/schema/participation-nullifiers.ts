import { bigint, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";

/**
 * Nullifiers spent by anonymous participation acts (proposals, supports, comments), one per
 * Semaphore scope: the primary key makes a second act with one nullifier in one scope impossible,
 * even with several instances. `entryHash` (SHA-256 of the entry bytes) recognises an exact
 * resubmission, which gets the original receipt. No timestamp, on purpose.
 */
export const participationNullifiers = pgTable(
  "participation_nullifiers",
  {
    scope: text("scope").notNull(),
    nullifier: text("nullifier").notNull(),
    entryHash: bytea("entry_hash").notNull(),
    entryIndex: bigint("entry_index", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.nullifier] })],
);
