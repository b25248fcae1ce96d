import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { polls } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { ZPollInput } from "./poll-input";

export const ZUpdatePollInput = z.object({ pollId: z.uuid(), poll: ZPollInput });

/**
 * Changes a scheduled poll, including one whose opening time has come while its census is still
 * below the minimum anonymity set (the council may lower the minimum or move the dates: nothing
 * about the poll is on the ledger yet). Refused with POLL_LOCKED once it opened: its rules were
 * recorded then. The update is conditional on the row still being scheduled, so it cannot race
 * the opener: the opener holds the row FOR UPDATE, and PostgreSQL re-checks the condition on the
 * committed row, so an edit lands entirely before the opening or not at all.
 */
export async function updatePoll(db: Db, actor: Actor, input: z.input<typeof ZUpdatePollInput>) {
  const { pollId, poll } = ZUpdatePollInput.parse(input);
  const [existing] = await db.select().from(polls).where(eq(polls.id, pollId));
  if (!existing) throw new AppError("NOT_FOUND", "That poll does not exist.");
  await requireCouncilMember(db, actor, existing.districtId);
  const [row] = await db
    .update(polls)
    .set(poll)
    .where(and(eq(polls.id, pollId), eq(polls.status, "scheduled")))
    .returning();
  if (!row) throw new AppError("POLL_LOCKED", "This poll has opened; its rules can no longer change.");
  return row;
}
