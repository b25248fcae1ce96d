import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** Mail that was not sent over SMTP because none is configured: shown on the dev outbox page. */
export const outboxMessages = pgTable("outbox_messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: createdAt(),
});
