import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Auth.js database sessions: signing out or removing a user ends them server-side. */
export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
});
