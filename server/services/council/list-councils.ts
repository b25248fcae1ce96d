import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { councilMembers, districts, users } from "../../db/schema";
import { type Actor, requirePlatformAdmin } from "../auth/actor";

/** Administrator's view: every district with its council, including e-mail addresses. */
export async function listCouncils(db: DbOrTx, actor: Actor) {
  requirePlatformAdmin(actor);
  const rows = await db
    .select({
      districtId: districts.id,
      slug: districts.slug,
      districtName: districts.name,
      userId: users.id,
      name: users.name,
      email: users.email,
    })
    .from(districts)
    .leftJoin(councilMembers, eq(councilMembers.districtId, districts.id))
    .leftJoin(users, eq(users.id, councilMembers.userId))
    .orderBy(asc(districts.name), asc(users.name));
  const byDistrict = new Map<
    string,
    {
      id: string;
      slug: string;
      name: string;
      members: { userId: string; name: string | null; email: string }[];
    }
  >();
  for (const r of rows) {
    let d = byDistrict.get(r.districtId);
    if (!d) {
      d = { id: r.districtId, slug: r.slug, name: r.districtName, members: [] };
      byDistrict.set(r.districtId, d);
    }
    if (r.userId && r.email) d.members.push({ userId: r.userId, name: r.name, email: r.email });
  }
  return [...byDistrict.values()];
}
