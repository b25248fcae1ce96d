import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { instanceSettings } from "../../db/schema";

export async function getSetting(db: DbOrTx, key: string): Promise<string | null> {
  const [row] = await db
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, key));
  return row?.value ?? null;
}
