import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilMembers, districts, users } from "@/server/db/schema";
import { ensurePlatformAdmin } from "@/server/services/seed/ensure-platform-admin";
import { DEMO_CITY, seedDemoCity } from "@/server/services/seed/seed-demo-city";
import { getInstanceInfo } from "@/server/services/settings/get-instance-info";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("seedDemoCity", () => {
  it("seeds Demo City with two districts and a council each, exactly once even when run concurrently", async () => {
    const admin = await ensurePlatformAdmin(t.db, "Admin@Plaza.local");
    expect(admin.email).toBe("admin@plaza.local");
    expect(admin.isPlatformAdmin).toBe(true);
    const results = await Promise.all([
      seedDemoCity(t.db, admin.id),
      seedDemoCity(t.db, admin.id),
      seedDemoCity(t.db, admin.id),
    ]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect(await seedDemoCity(t.db, admin.id)).toEqual({ seeded: false });

    const ds = await t.db.select().from(districts);
    expect(ds.map((d) => d.name).sort()).toEqual(DEMO_CITY.districts.map((d) => d.name).sort());
    expect(await t.db.select().from(councilMembers)).toHaveLength(2);
    expect((await getInstanceInfo(t.db)).cityName).toBe("Demo City");
    // The administrator is ensured, never duplicated, on every start.
    await ensurePlatformAdmin(t.db, "admin@plaza.local");
    expect((await t.db.select().from(users)).filter((u) => u.isPlatformAdmin)).toHaveLength(1);
  });
});
