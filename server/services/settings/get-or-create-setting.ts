import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { instanceSettings } from "../../db/schema";

/**
 * Returns the stored value for `key`, creating it with `create()` if absent. Insert-then-read with
 * ON CONFLICT DO NOTHING means concurrent instances all end up with the first value written.
 */
export async function getOrCreateSetting(db: DbOrTx, key: string, create: () => string): Promise<string> {
  await db.insert(instanceSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, key));
  if (!row) throw new Error(`instance setting ${key} vanished after insert`);
  return row.value;
}
