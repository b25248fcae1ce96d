import { asc, count, desc, eq, min, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { censusInvitationCodes } from "../../db/schema";
import { type Actor, requireCouncilMember } from "../auth/actor";

export const ZListInvitationBatchesInput = z.object({ districtId: z.uuid() });

export interface InvitationBatchSummary {
  batchId: string;
  createdAt: Date;
  issued: number;
  used: number;
}

/**
 * The invitation code batches a district's council generated, newest first, with how many codes
 * of each were used: enough to see which printed batch is still out there. The codes themselves
 * cannot be listed, only their hashes are stored. Council members of the district only.
 */
export async function listInvitationBatches(
  db: DbOrTx,
  actor: Actor,
  input: z.input<typeof ZListInvitationBatchesInput>,
): Promise<InvitationBatchSummary[]> {
  const { districtId } = ZListInvitationBatchesInput.parse(input);
  await requireCouncilMember(db, actor, districtId);
  const createdAt = min(censusInvitationCodes.createdAt);
  const rows = await db
    .select({
      batchId: censusInvitationCodes.batchId,
      createdAt,
      issued: count(),
      used: sql<number>`count(*) filter (where ${censusInvitationCodes.used})`.mapWith(Number),
    })
    .from(censusInvitationCodes)
    .where(eq(censusInvitationCodes.districtId, districtId))
    .groupBy(censusInvitationCodes.batchId)
    .orderBy(desc(createdAt), asc(censusInvitationCodes.batchId));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt ?? new Date(0) }));
}
