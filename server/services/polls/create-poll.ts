import { z } from "zod";
import { ZPollInput } from "@/core/polls/poll-input";
import type { DbOrTx } from "../../db/client";
import { polls } from "../../db/schema";
import { type Actor, requireCouncilMember } from "../auth/actor";

export const ZCreatePollInput = z.object({ districtId: z.uuid(), poll: ZPollInput });

/** A council member schedules a poll in their district. It opens by itself at `opensAt`. */
export async function createPoll(db: DbOrTx, actor: Actor, input: z.input<typeof ZCreatePollInput>) {
  const { districtId, poll } = ZCreatePollInput.parse(input);
  const member = await requireCouncilMember(db, actor, districtId);
  const [row] = await db
    .insert(polls)
    .values({ ...poll, districtId, createdBy: member.userId })
    .returning();
  if (!row) throw new Error("poll not created");
  return row;
}
