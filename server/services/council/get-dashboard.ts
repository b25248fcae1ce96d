import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { councilMembers, districts } from "../../db/schema";
import { type Actor, requireSignedIn } from "../auth/actor";

/** The signed-in person's councils. The administrator also gets every district to manage. */
export async function getDashboard(db: DbOrTx, actor: Actor) {
  const me = requireSignedIn(actor);
  const councils = await db
    .select({ id: districts.id, slug: districts.slug, name: districts.name })
    .from(councilMembers)
    .innerJoin(districts, eq(districts.id, councilMembers.districtId))
    .where(eq(councilMembers.userId, me.userId))
    .orderBy(asc(districts.name));
  return { email: me.email, isPlatformAdmin: me.isPlatformAdmin, councils };
}
