import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ledgerCheckpoints, ledgerCosignatures } from "../../db/schema";

/**
 * The newest signed checkpoint as served at /ledger/checkpoint: the log's signed note with every
 * witness cosignature line received for it appended (signed-note allows any number of signature
 * lines; verifiers ignore keys they do not know). Null before the first checkpoint.
 */
export async function getLatestCheckpoint(db: DbOrTx) {
  const [latest] = await db.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.size)).limit(1);
  if (!latest) return null;
  const cosignatures = await db
    .select()
    .from(ledgerCosignatures)
    .where(eq(ledgerCosignatures.checkpointSize, latest.size))
    .orderBy(ledgerCosignatures.witness);
  const note = latest.note + cosignatures.map((c) => `${c.line}\n`).join("");
  return {
    size: latest.size,
    root: latest.root,
    note,
    createdAt: latest.createdAt,
    witnesses: cosignatures.map((c) => c.witness),
  };
}
