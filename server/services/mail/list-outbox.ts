import { desc } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import { outboxEnabled } from "../../env";
import { AppError } from "../../errors/app-error";

export async function listOutbox(db: DbOrTx, limit = 50) {
  if (!outboxEnabled())
    throw new AppError("NOT_FOUND", "The outbox exists only while no SMTP server is configured.");
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt)).limit(limit);
}
