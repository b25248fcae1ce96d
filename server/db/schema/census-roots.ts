import { integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { districts } from "./districts";

/**
 * Every root a district's census has had, with the census version it was current from (see
 * census_groups.version): which roots a process's anonymous acts may still prove against.
 */
export const censusRoots = pgTable(
  "census_roots",
  {
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "cascade" }),
    root: text("root").notNull(),
    version: integer("version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.root] })],
);
