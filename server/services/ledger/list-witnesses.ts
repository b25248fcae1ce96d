import { max } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ledgerCosignatures } from "../../db/schema";
import { env, type TWitnessEndpoint } from "../../env";

export interface WitnessSummary {
  readonly name: string;
  readonly verifierKey: string;
  readonly url: string;
  /** The largest checkpoint size this witness has cosigned, null if none yet. */
  readonly lastCosignedSize: bigint | null;
}

/**
 * The configured witnesses (PLAZA_WITNESSES) with the newest checkpoint each has cosigned, for the
 * ledger explorer: a witness stuck at an old size is visible at a glance.
 */
export async function listWitnesses(
  db: DbOrTx,
  witnesses: readonly TWitnessEndpoint[] = env.PLAZA_WITNESSES,
): Promise<WitnessSummary[]> {
  const rows = await db
    .select({ witness: ledgerCosignatures.witness, size: max(ledgerCosignatures.checkpointSize) })
    .from(ledgerCosignatures)
    .groupBy(ledgerCosignatures.witness);
  const last = new Map(rows.map((r) => [r.witness, r.size]));
  return witnesses.map((w) => ({
    name: w.name,
    verifierKey: w.verifierKey,
    url: w.url,
    lastCosignedSize: last.get(w.name) ?? null,
  }));
}
