import { bigint, pgTable, text } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { createdAt } from "./columns";

/** Every checkpoint the log signed (c2sp.org/tlog-checkpoint as a c2sp.org/signed-note). */
export const ledgerCheckpoints = pgTable("ledger_checkpoints", {
  size: bigint("size", { mode: "bigint" }).primaryKey(),
  root: bytea("root").notNull(),
  note: text("note").notNull(),
  createdAt: createdAt(),
});
