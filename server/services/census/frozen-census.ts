import { and, count, eq, isNull } from "drizzle-orm";
import { leanIMTDepth } from "@/core/census";
import type { Tx } from "../../db/client";
import { censusMembers } from "../../db/schema";
import { lockCensus } from "./census-store";

/**
 * The district's census as a poll or process freezes it: the LeanIMT root, the depth proofs
 * against it use, and the number of members not removed. Locks the census row first, so no join
 * or removal lands between this reading and the caller's ledger entry.
 */
export async function frozenCensus(
  tx: Tx,
  districtId: string,
): Promise<{ root: string; depth: number; size: number; version: number }> {
  const census = await lockCensus(tx, districtId);
  const [active] = await tx
    .select({ n: count() })
    .from(censusMembers)
    .where(and(eq(censusMembers.districtId, districtId), isNull(censusMembers.removedAt)));
  return {
    root: census.root.toString(),
    depth: Math.max(1, leanIMTDepth(census.size)),
    size: active?.n ?? 0,
    version: census.version,
  };
}
