import { boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { createdAt } from "./columns";
import { districts } from "./districts";
import { users } from "./users";

/**
 * One-time invitation codes for a district's census. Only a keyed hash of each code is stored
 * (HMAC-SHA-256 under a secret kept in instance_settings), so a leaked copy of this table reveals
 * no code. `batchId` groups the codes generated (and printed) together.
 */
export const censusInvitationCodes = pgTable(
  "census_invitation_codes",
  {
    codeHash: bytea("code_hash").primaryKey(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "cascade" }),
    batchId: uuid("batch_id").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    used: boolean("used").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("census_invitation_codes_district_idx").on(t.districtId, t.batchId)],
);
