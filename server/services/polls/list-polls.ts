import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { polls } from "../../db/schema";
import { AppError } from "../../errors/app-error";

/** A district's polls, soonest first (public). */
export async function listPolls(db: DbOrTx, districtId: string) {
  return db.select().from(polls).where(eq(polls.districtId, districtId)).orderBy(asc(polls.opensAt));
}

/** One poll (public). */
export async function getPoll(db: DbOrTx, pollId: string) {
  const [row] = await db.select().from(polls).where(eq(polls.id, pollId));
  if (!row) throw new AppError("NOT_FOUND", "That poll does not exist.");
  return row;
}
