import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { councilMembers, districts, users } from "../../db/schema";
import { AppError } from "../../errors/app-error";

/** A district's public page data. Council members are shown by name only, never by e-mail. */
export async function getDistrict(db: DbOrTx, slug: string) {
  const [district] = await db.select().from(districts).where(eq(districts.slug, slug));
  if (!district) throw new AppError("NOT_FOUND", `There is no district "${slug}".`);
  const council = await db
    .select({ userId: users.id, name: users.name })
    .from(councilMembers)
    .innerJoin(users, eq(users.id, councilMembers.userId))
    .where(eq(councilMembers.districtId, district.id))
    .orderBy(asc(users.name));
  return { ...district, council };
}
