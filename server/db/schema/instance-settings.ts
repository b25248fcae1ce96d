import { pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Instance-wide values shared by every app instance on one database: the city name, the
 * generated Auth.js secret (when AUTH_SECRET is unset) and the demo-seed marker.
 */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});
