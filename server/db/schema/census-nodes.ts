import { integer, pgTable, primaryKey, smallint, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { districts } from "./districts";

/**
 * The nodes of each district's LeanIMT (core/census): level 0 are the leaves (commitments, zeros
 * for removed members), level = depth is the root. A join or removal reads and (over)writes only
 * the O(depth) nodes on one path, so the tree survives restarts without being rebuilt. Hashes are
 * 32-byte big-endian field elements.
 */
export const censusNodes = pgTable(
  "census_nodes",
  {
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "cascade" }),
    level: smallint("level").notNull(),
    idx: integer("idx").notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.level, t.idx] })],
);
