import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users } from "../../db/schema";

/** A council member as attributed acts name them on the ledger: account id and display name. */
export async function councilAuthor(db: DbOrTx, userId: string, email: string) {
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  const name = (user?.name?.trim() || email.split("@")[0] || "Council").slice(0, 200);
  return { kind: "council" as const, userId, name };
}
