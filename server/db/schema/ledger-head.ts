import { bigint, pgTable, smallint, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";

/**
 * The single row every append locks (SELECT … FOR UPDATE): the tree size and its compact range
 * (the hashes of the perfect subtrees along the right edge, left to right). Holding this row lock
 * is what gives one gap-free sequence across every app instance sharing the database.
 */
export const ledgerHead = pgTable("ledger_head", {
  id: smallint("id").primaryKey(),
  size: bigint("size", { mode: "bigint" }).notNull(),
  frontier: bytea("frontier").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
