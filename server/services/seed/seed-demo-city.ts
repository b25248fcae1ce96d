import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { councilMembers, districts, instanceSettings, users } from "../../db/schema";
import { appendEntries } from "../../ledger/append-entries";
import { districtCreatedEntry } from "../districts/create-district";
import { getSetting } from "../settings/get-setting";

const SEED_MARKER = "demo_seed_v1";
/** Serialises seeding across instances that start at the same moment on one PostgreSQL. */
const SEED_LOCK_KEY = 0x7365656431; // "seed1"

export const DEMO_CITY = {
  name: "Demo City",
  districts: [
    {
      slug: "riverside",
      name: "Riverside",
      description: "Homes, parks and the old harbour along the river.",
      council: [{ email: "ana.morales@riverside.plaza.local", name: "Ana Morales" }],
    },
    {
      slug: "old-town",
      name: "Old Town",
      description: "The historic centre: markets, narrow streets and the town hall.",
      council: [{ email: "wei.chen@oldtown.plaza.local", name: "Wei Chen" }],
    },
  ],
} as const;

/**
 * Seeds "Demo City" once per database: two districts, each with a council member. The marker row
 * is written in the same transaction as the data, under an advisory lock, so a second start (or a
 * second instance starting at once) seeds nothing twice.
 */
export async function seedDemoCity(db: Db, adminId: string): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if ((await getSetting(tx, SEED_MARKER)) !== null) return { seeded: false };
    await tx
      .insert(instanceSettings)
      .values({ key: "city_name", value: DEMO_CITY.name })
      .onConflictDoNothing();
    for (const d of DEMO_CITY.districts) {
      const [district] = await tx
        .insert(districts)
        .values({ slug: d.slug, name: d.name, description: d.description, createdBy: adminId })
        .onConflictDoNothing({ target: districts.slug })
        .returning();
      if (!district) continue; // an administrator already made a district with this address
      await appendEntries(tx, [districtCreatedEntry(district)]);
      for (const m of d.council) {
        const [user] = await tx
          .insert(users)
          .values({ email: m.email, name: m.name })
          .onConflictDoUpdate({ target: users.email, set: { name: m.name } })
          .returning();
        if (user)
          await tx
            .insert(councilMembers)
            .values({ districtId: district.id, userId: user.id, invitedBy: adminId });
      }
    }
    await tx.insert(instanceSettings).values({ key: SEED_MARKER, value: new Date().toISOString() });
    return { seeded: true };
  });
}
