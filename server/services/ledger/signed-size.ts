import { desc } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ledgerCheckpoints } from "../../db/schema";

/**
 * The tree size of the latest signed checkpoint (0 before the first). Public reads stop there:
 * everything served can be checked against a signature, and an anonymous act becomes visible
 * only together with the batch a checkpoint covers, never on its own the moment it arrived.
 */
export async function signedSize(db: DbOrTx): Promise<bigint> {
  const [latest] = await db
    .select({ size: ledgerCheckpoints.size })
    .from(ledgerCheckpoints)
    .orderBy(desc(ledgerCheckpoints.size))
    .limit(1);
  return latest?.size ?? 0n;
}
