import { integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { districts } from "./districts";

/**
 * One row per district census: the LeanIMT's size and root (32-byte big-endian field element;
 * all zeros while empty). Every change to the census locks this row (SELECT … FOR UPDATE) first,
 * so joins and removals in one district queue on it across every app instance sharing the
 * database, while other districts proceed in parallel.
 */
export const censusGroups = pgTable("census_groups", {
  districtId: uuid("district_id")
    .primaryKey()
    .references(() => districts.id, { onDelete: "cascade" }),
  size: integer("size").notNull().default(0),
  root: bytea("root").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
