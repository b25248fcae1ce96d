import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { TResponseStatus } from "@/core/processes/process-rules";
import { createdAt } from "./columns";
import { proposals } from "./proposals";
import { users } from "./users";

/** The council's answers to a proposal and its implementation updates, indexing `response` entries. */
export const proposalResponses = pgTable(
  "proposal_responses",
  {
    entryIndex: bigint("entry_index", { mode: "bigint" }).primaryKey(),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "restrict" }),
    status: text("status").$type<TResponseStatus>().notNull(),
    body: text("body").notNull(),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("proposal_responses_proposal_idx").on(t.proposalId, t.entryIndex)],
);
