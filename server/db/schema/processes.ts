import { bigint, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { TProcessRules } from "@/core/processes/process-rules";
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
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("processes_district_idx").on(t.districtId)],
);
