import { bigint, boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { processes } from "./processes";
import { users } from "./users";

/**
 * A proposal in a participatory process, indexing its `proposal` ledger entry (`entryIndex`).
 * An anonymous proposal keeps no author and, like every anonymous act, no timestamp: its place in
 * the ledger is its only date. `supportCount` counts its accepted supports and `advancedEntry`
 * is set, with its proposal_advanced entry, by the support that met the process's threshold.
 * Hiding keeps the row and the ledger entry; the public reason is shown in its place.
 */
export const proposals = pgTable(
  "proposals",
  {
    id: uuid("id").primaryKey(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    category: text("category"),
    costEstimate: bigint("cost_estimate", { mode: "number" }),
    location: text("location"),
    authorKind: text("author_kind", { enum: ["council", "anonymous"] }).notNull(),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name"),
    entryIndex: bigint("entry_index", { mode: "bigint" }).notNull(),
    supportCount: integer("support_count").notNull().default(0),
    advancedEntry: bigint("advanced_entry", { mode: "bigint" }),
    hidden: boolean("hidden").notNull().default(false),
    hiddenReason: text("hidden_reason"),
    moderationEntry: bigint("moderation_entry", { mode: "bigint" }),
  },
  (t) => [index("proposals_process_idx").on(t.processId, t.entryIndex)],
);
