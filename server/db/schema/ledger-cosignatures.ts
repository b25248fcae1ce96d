import { bigint, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { ledgerCheckpoints } from "./ledger-checkpoints";

/** Witness cosignature lines (c2sp.org/tlog-cosignature) returned for a checkpoint. */
export const ledgerCosignatures = pgTable(
  "ledger_cosignatures",
  {
    checkpointSize: bigint("checkpoint_size", { mode: "bigint" })
      .notNull()
      .references(() => ledgerCheckpoints.size),
    witness: text("witness").notNull(),
    line: text("line").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.checkpointSize, t.witness] })],
);
