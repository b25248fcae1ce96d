import { integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { censusInvitationCodes } from "./census-invitation-codes";
import { districts } from "./districts";

/**
 * Census members in index order (the LeanIMT's leaves). `commitment` is the Semaphore identity
 * commitment as a canonical decimal string, kept after removal so the ledger and this table tell
 * one story; a removed member's leaf is 0 in census_nodes and in every member list served.
 * `codeHash` is the invitation code that registered the member: the council finds a member to
 * remove by that code. No join time is kept.
 */
export const censusMembers = pgTable(
  "census_members",
  {
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "cascade" }),
    memberIndex: integer("member_index").notNull(),
    commitment: text("commitment").notNull(),
    codeHash: bytea("code_hash")
      .notNull()
      .unique()
      .references(() => censusInvitationCodes.codeHash),
    removedAt: timestamp("removed_at", { withTimezone: true, mode: "date" }),
    removalReason: text("removal_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.memberIndex] }),
    unique("census_members_commitment_unique").on(t.districtId, t.commitment),
  ],
);
