import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { normalizeInvitationCode, siblingsForUpdate, updateLeaf } from "@/core/census";
import { encodeEntry } from "@/core/entries";
import type { Db } from "../../db/client";
import { censusInvitationCodes, censusMembers } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { censusPathUpsert, lockCensus, readCensusNodes } from "./census-store";
import { hashInvitationCode } from "./hash-invitation-code";

export const ZRemoveMemberInput = z.object({
  districtId: z.uuid(),
  /** The invitation code the member joined with: how the council identifies whom to remove. */
  code: z.string().max(64),
  /** Public: it is written to the ledger. */
  reason: z.string().trim().min(1).max(200),
});
export type TRemoveMemberInput = z.input<typeof ZRemoveMemberInput>;

export interface RemoveMemberResult {
  districtId: string;
  memberIndex: number;
  root: string;
  size: number;
  depth: number;
  ledgerIndex: bigint;
}

/**
 * A council member removes a member from the district's census: the leaf becomes 0, exactly as
 * @semaphore-protocol/group's removeMember does (the size and every other index stay), and a
 * member_removed entry records the index, the public reason and the new root. One transaction,
 * under the district's census lock, like joinDistrict.
 *
 * Refusals: FORBIDDEN (not on this district's council, anonymous callers included), INVALID_CODE (malformed,
 * or no such code in this district), MEMBER_NOT_FOUND (the code was never used to join),
 * MEMBER_ALREADY_REMOVED.
 */
export async function removeMember(
  db: Db,
  actor: Actor,
  input: TRemoveMemberInput,
): Promise<RemoveMemberResult> {
  const data = ZRemoveMemberInput.parse(input);
  await requireCouncilMember(db, actor, data.districtId);
  const code = normalizeInvitationCode(data.code);
  if (!code) throw new AppError("INVALID_CODE", "This invitation code is not valid.");
  const codeHash = await hashInvitationCode(db, code);
  const { districtId } = data;

  return db.transaction(async (tx) => {
    const census = await lockCensus(tx, districtId);
    const [member] = await tx
      .select({ index: censusMembers.memberIndex, removedAt: censusMembers.removedAt })
      .from(censusMembers)
      .where(and(eq(censusMembers.districtId, districtId), eq(censusMembers.codeHash, codeHash)));
    if (!member) {
      const [invitation] = await tx
        .select({ used: censusInvitationCodes.used })
        .from(censusInvitationCodes)
        .where(
          and(eq(censusInvitationCodes.codeHash, codeHash), eq(censusInvitationCodes.districtId, districtId)),
        );
      if (!invitation) throw new AppError("INVALID_CODE", "No invitation code of this district matches.");
      throw new AppError("MEMBER_NOT_FOUND", "Nobody has joined with this invitation code.");
    }
    if (member.removedAt)
      throw new AppError("MEMBER_ALREADY_REMOVED", "This member has already been removed.");

    const lookup = await readCensusNodes(tx, districtId, siblingsForUpdate(census.size, member.index));
    const change = updateLeaf({ size: census.size, index: member.index, leaf: 0n, lookup });
    const time = new Date();
    await tx.execute(
      sql`with ${sql.join(censusPathUpsert(districtId, change, census, "removal"), sql`, `)}
        update census_members set removed_at = ${time.toISOString()}::timestamptz, removal_reason = ${data.reason}
        where district_id = ${districtId}::uuid and member_index = ${member.index}`,
    );
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({
        v: 1,
        type: "member_removed",
        districtId,
        memberIndex: member.index,
        reason: data.reason,
        root: change.root.toString(),
        size: change.size,
        time: time.toISOString(),
      }),
    ]);
    return {
      districtId,
      memberIndex: member.index,
      root: change.root.toString(),
      size: change.size,
      depth: change.depth,
      ledgerIndex: firstIndex,
    };
  });
}
