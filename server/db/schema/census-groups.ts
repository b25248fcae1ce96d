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
  /**
   * How many times the census changed (each join or removal: one member entry on the ledger), and
   * the version of the last removal. A process's anonymous acts may prove against any root the
   * census has had since max(the version at the process's start, the last removal): newcomers can
   * take part, and a removal revokes every older root at once (census_roots).
   */
  version: integer("version").notNull().default(0),
  lastRemovalVersion: integer("last_removal_version").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
