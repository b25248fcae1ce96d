import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Auth.js magic-link tokens, stored hashed (sha256 of token + secret); each is deleted when used. */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
