import { timestamp } from "drizzle-orm/pg-core";

/** Columns every Plaza table carries. Timestamps are timezone-aware and set by the database. */
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
