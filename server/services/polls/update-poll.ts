import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { polls } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { ZPollInput } from "./poll-input";

export const ZUpdatePollInput = z.object({ pollId: z.uuid(), poll: ZPollInput });

/**
 * Changes a scheduled poll. Refused with POLL_LOCKED once it opened (or its opening time has
 * come): nothing about a poll may change after its rules were recorded on the ledger. The update
 * is conditional on the row still being scheduled, so it cannot race the opener.
 */
export async function updatePoll(db: Db, actor: Actor, input: z.input<typeof ZUpdatePollInput>) {
  const { pollId, poll } = ZUpdatePollInput.parse(input);
  const [existing] = await db.select().from(polls).where(eq(polls.id, pollId));
  if (!existing) throw new AppError("NOT_FOUND", "That poll does not exist.");
  await requireCouncilMember(db, actor, existing.districtId);
  const [row] = await db
    .update(polls)
    .set(poll)
    .where(and(eq(polls.id, pollId), eq(polls.status, "scheduled"), gt(polls.opensAt, sql`now()`)))
    .returning();
  if (!row) throw new AppError("POLL_LOCKED", "This poll has opened; its rules can no longer change.");
  return row;
}
