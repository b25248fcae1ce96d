import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TProcessPhase, TProcessRules } from "@/core/processes/process-rules";
import { createdAt } from "./columns";
import { districts } from "./districts";
import { users } from "./users";

/**
 * A participatory process of a district. It starts when the council publishes it: every rule is
 * recorded then in a process_started ledger entry (`startedEntry`), and there is no way to change
 * the row afterwards: the phases follow from the recorded dates.
 */
export const processes = pgTable(
  "processes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    rules: jsonb("rules").$type<TProcessRules>().notNull(),
    startedEntry: bigint("started_entry", { mode: "bigint" }).notNull(),
    /** The census frozen at the start (process_started): anonymous acts prove membership of it. */
    censusRoot: text("census_root"),
    censusDepth: integer("census_depth"),
    censusSize: integer("census_size"),
    /** The census version at the start (census_groups.version): roots from it on are valid. */
    censusVersion: integer("census_version"),
    /**
     * The phase the scheduler last entered with a process_phase entry (null before the first).
     * Anonymous acts check it under this row's lock, so the ledger's order agrees with it.
     */
    phase: text("phase").$type<TProcessPhase>(),
    /** The ballot poll opened when the ballot phase began (null without advanced proposals). */
    ballotPollId: uuid("ballot_poll_id"),
    /** Set once the response deadline was handled (with a response_overdue entry if any was due). */
    deadlineHandled: boolean("deadline_handled").notNull().default(false),
    overdueEntry: bigint("overdue_entry", { mode: "bigint" }),
    /**
     * When the scheduler next has something to do for this process (the next phase's start or the
     * response deadline), null once nothing is left: it only claims rows that are due.
     */
    nextDueAt: timestamp("next_due_at", { withTimezone: true, mode: "date" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("processes_district_idx").on(t.districtId), index("processes_due_idx").on(t.nextDueAt)],
);
