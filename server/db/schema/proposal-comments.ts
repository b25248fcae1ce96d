import { bigint, boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { proposals } from "./proposals";
import { users } from "./users";

/**
 * Comments on proposals, one level deep (`parentId` names a top-level comment), indexing their
 * `comment` ledger entries. Anonymous comments keep no author and no timestamp.
 */
export const proposalComments = pgTable(
  "proposal_comments",
  {
    id: uuid("id").primaryKey(),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "restrict" }),
    parentId: uuid("parent_id"),
    body: text("body").notNull(),
    authorKind: text("author_kind", { enum: ["council", "anonymous"] }).notNull(),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name"),
    entryIndex: bigint("entry_index", { mode: "bigint" }).notNull(),
    hidden: boolean("hidden").notNull().default(false),
    hiddenReason: text("hidden_reason"),
    moderationEntry: bigint("moderation_entry", { mode: "bigint" }),
  },
  (t) => [index("proposal_comments_proposal_idx").on(t.proposalId, t.entryIndex)],
);
