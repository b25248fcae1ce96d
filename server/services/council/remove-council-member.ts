import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { councilMembers } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { type Actor, requirePlatformAdmin } from "../auth/actor";

export const ZRemoveCouncilMemberInput = z.object({
  districtId: z.uuid(),
  userId: z.string().min(1).max(64),
});

export async function removeCouncilMember(
  db: DbOrTx,
  actor: Actor,
  input: z.input<typeof ZRemoveCouncilMemberInput>,
) {
  requirePlatformAdmin(actor);
  const data = ZRemoveCouncilMemberInput.parse(input);
  const removed = await db
    .delete(councilMembers)
    .where(and(eq(councilMembers.districtId, data.districtId), eq(councilMembers.userId, data.userId)))
    .returning();
  if (removed.length === 0) throw new AppError("NOT_FOUND", "That person is not on this council.");
  return { removed: true as const };
}
