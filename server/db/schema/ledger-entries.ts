import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";

/**
 * The ledger's leaves, in order. `data` holds the entry's canonical bytes exactly as they are
 * hashed (leaf hash = SHA-256(0x00 || data), kept as level-0 node in ledger_subtrees) and served in
 * entry tiles; it is never re-serialised. `type` and `district_id` are derived from the bytes at
 * append time for the explorer's filters. There is deliberately no timestamp column: a vote's
 * arrival time is exactly the kind of timing log anonymous acts must not leave.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    idx: bigint("idx", { mode: "bigint" }).primaryKey(),
    data: bytea("data").notNull(),
    type: text("type").notNull(),
    districtId: uuid("district_id"),
  },
  (t) => [
    index("ledger_entries_type_idx").on(t.type, t.idx),
    index("ledger_entries_district_idx").on(t.districtId, t.idx),
  ],
);
