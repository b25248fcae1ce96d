import { bigint, pgTable, primaryKey, smallint } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";

/**
 * Hashes of complete (perfect) subtrees above the leaves: node (level, idx) covers leaves
 * [idx·2^level, (idx+1)·2^level). Written once when the subtree completes and never changed, so
 * tiles and proofs at any tree size are O(log n) lookups.
 */
export const ledgerSubtrees = pgTable(
  "ledger_subtrees",
  {
    level: smallint("level").notNull(),
    idx: bigint("idx", { mode: "bigint" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);
