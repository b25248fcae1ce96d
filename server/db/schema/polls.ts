import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TBallotMethod } from "@/core/ballot";
import { createdAt } from "./columns";
import { districts } from "./districts";
import { users } from "./users";

/**
 * A district poll. While `scheduled` the council may edit it; at opening the census root, depth
 * and size are frozen here and every rule is recorded in a poll_opened ledger entry, after which
 * nothing about the poll changes. `status` moves scheduled → open → closed, each step exactly once
 * (guarded by row locks), even with several app instances.
 */
export const polls = pgTable(
  "polls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    options: jsonb("options").$type<string[]>().notNull(),
    method: jsonb("method").$type<TBallotMethod>().notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true, mode: "date" }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true, mode: "date" }).notNull(),
    minAnonymitySet: integer("min_anonymity_set").notNull().default(10),
    status: text("status", { enum: ["scheduled", "open", "closed"] })
      .notNull()
      .default("scheduled"),
    /** Set at opening: Semaphore scope (decimal), frozen census root (decimal), depth and size. */
    scope: text("scope"),
    frozenRoot: text("frozen_root"),
    depth: integer("depth"),
    censusSize: integer("census_size"),
    openedEntry: bigint("opened_entry", { mode: "bigint" }),
    closedEntry: bigint("closed_entry", { mode: "bigint" }),
    /** A participatory process's ballot: the process (its options are the advanced proposals). */
    processId: uuid("process_id"),
    proposalIds: jsonb("proposal_ids").$type<string[]>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("polls_district_idx").on(t.districtId),
    index("polls_due_idx").on(t.status, t.opensAt, t.closesAt),
  ],
);
