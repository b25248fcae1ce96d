import { asc, count, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { councilMembers, districts } from "../../db/schema";

export async function listDistricts(db: DbOrTx) {
  return db
    .select({
      id: districts.id,
      slug: districts.slug,
      name: districts.name,
      description: districts.description,
      councilSize: count(councilMembers.userId),
    })
    .from(districts)
    .leftJoin(councilMembers, eq(councilMembers.districtId, districts.id))
    .groupBy(districts.id)
    .orderBy(asc(districts.name));
}
