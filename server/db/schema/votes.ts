import { bigint, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { polls } from "./polls";

/**
 * Accepted votes, indexing the ledger's vote entries by (poll, nullifier, sequence) for the
 * nullifier policy and idempotent resubmission. The primary key makes two acceptances of one
 * (nullifier, sequence) impossible even under concurrent submissions. No timestamp, on purpose.
 */
export const votes = pgTable(
  "votes",
  {
    pollId: uuid("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "restrict" }),
    nullifier: text("nullifier").notNull(),
    sequence: integer("sequence").notNull(),
    ballot: jsonb("ballot").$type<number[]>().notNull(),
    /** SHA-256 of the entry bytes: an exact resubmission is recognised and gets the same receipt. */
    entryHash: bytea("entry_hash").notNull(),
    entryIndex: bigint("entry_index", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.nullifier, t.sequence] })],
);
