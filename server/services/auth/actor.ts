import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { councilMembers } from "../../db/schema";
import { AppError } from "../../errors/app-error";

/** Who is calling: a signed-in person, or nobody (anonymous visitors and residents). */
export type Actor = { userId: string; email: string; isPlatformAdmin: boolean } | null;

export function requireSignedIn(actor: Actor): NonNullable<Actor> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  return actor;
}

/**
 * Administrator and council actions are FORBIDDEN to everyone else, signed in or not: a resident
 * (who never signs in) or a stranger gets the same answer as a signed-in non-member.
 */
export function requirePlatformAdmin(actor: Actor): NonNullable<Actor> {
  if (!actor?.isPlatformAdmin)
    throw new AppError("FORBIDDEN", "Only the platform administrator can do this.");
  return actor;
}

/** Council actions are checked against the database on every call, never only in middleware. */
export async function requireCouncilMember(
  db: DbOrTx,
  actor: Actor,
  districtId: string,
): Promise<NonNullable<Actor>> {
  if (!actor) throw new AppError("FORBIDDEN", "Only members of this district's council can do this.");
  const a = actor;
  const [row] = await db
    .select({ userId: councilMembers.userId })
    .from(councilMembers)
    .where(and(eq(councilMembers.districtId, districtId), eq(councilMembers.userId, a.userId)));
  if (!row) throw new AppError("FORBIDDEN", "Only members of this district's council can do this.");
  return a;
}
