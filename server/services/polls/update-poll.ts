import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { OPENS_IN_PAST_MESSAGE, opensInPast, ZPollEdit } from "@/core/polls/poll-input";
import type { Db } from "../../db/client";
import { polls } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { type Actor, requireCouncilMember } from "../auth/actor";

export const ZUpdatePollInput = z.object({ pollId: z.uuid(), poll: ZPollEdit });

/**
 * Changes a scheduled poll, including one whose opening time has come while its census is still
 * below the minimum anonymity set (the council may lower the minimum or move the dates: nothing
 * about the poll is on the ledger yet). Such a poll's stored opening time is already past: it may
 * be sent back unchanged, but a new opening time must not be in the past (BAD_INPUT naming
 * poll.opensAt, as the input check would). Refused with POLL_LOCKED once it opened: its rules
 * were recorded then. The update is conditional on the row still being scheduled AND on its
 * opening time being the one checked here, so it cannot race the opener or another edit: the
 * opener holds the row FOR UPDATE, and PostgreSQL re-checks the condition on the committed row,
 * so an edit lands entirely before the opening or not at all.
 */
export async function updatePoll(db: Db, actor: Actor, input: z.input<typeof ZUpdatePollInput>) {
  const { pollId, poll } = ZUpdatePollInput.parse(input);
  const [existing] = await db.select().from(polls).where(eq(polls.id, pollId));
  if (!existing) throw new AppError("NOT_FOUND", "That poll does not exist.");
  await requireCouncilMember(db, actor, existing.districtId);
  if (opensInPast(poll.opensAt, existing.opensAt)) {
    // The same shape as a refused input (a JSON list of issues), so forms show it by the field.
    throw new AppError(
      "BAD_INPUT",
      JSON.stringify([{ code: "custom", path: ["poll", "opensAt"], message: OPENS_IN_PAST_MESSAGE }]),
    );
  }
  const [row] = await db
    .update(polls)
    .set(poll)
    .where(
      and(
        eq(polls.id, pollId),
        eq(polls.status, "scheduled"),
        // PostgreSQL keeps microseconds, a JavaScript Date milliseconds: compare at the precision
        // the value was read with.
        sql`date_trunc('milliseconds', ${polls.opensAt}) = ${existing.opensAt.toISOString()}::timestamptz`,
      ),
    )
    .returning();
  if (!row) {
    const [now] = await db.select({ status: polls.status }).from(polls).where(eq(polls.id, pollId));
    if (now?.status === "scheduled")
      throw new AppError("CONFLICT", "This poll was changed meanwhile; load it again and retry.");
    throw new AppError("POLL_LOCKED", "This poll has opened; its rules can no longer change.");
  }
  return row;
}
