import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { createDistrict } from "@/server/services/districts/create-district";
import { getDistrict } from "@/server/services/districts/get-district";
import { listDistricts } from "@/server/services/districts/list-districts";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeUser } from "../../../helpers/fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("createDistrict", () => {
  it("creates a district that appears on the public list and page", async () => {
    const admin = actorOf(await makeUser(t.db, "admin@example.org", { admin: true }));
    const d = await createDistrict(t.db, admin, { name: " Harbour ", slug: "harbour", description: "Docks" });
    expect(d.name).toBe("Harbour");
    const list = await listDistricts(t.db);
    expect(list.map((x) => [x.slug, x.councilSize])).toContainEqual(["harbour", 0]);
    const councillor = await makeUser(t.db, "c@example.org", { name: "Carla" });
    await addToCouncil(t.db, d.id, councillor.id);
    const page = await getDistrict(t.db, "harbour");
    expect(page.council).toEqual([{ userId: councillor.id, name: "Carla" }]);
    expect(JSON.stringify(page)).not.toContain("c@example.org");
  });

  it("refuses a web address already in use with DISTRICT_SLUG_TAKEN", async () => {
    const admin = actorOf(await makeUser(t.db, "admin2@example.org", { admin: true }));
    await createDistrict(t.db, admin, { name: "Hills", slug: "hills" });
    const err = await createDistrict(t.db, admin, { name: "Hills again", slug: "hills" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("DISTRICT_SLUG_TAKEN");
    expect((await listDistricts(t.db)).filter((d) => d.slug === "hills")).toHaveLength(1);
  });

  it("answers NOT_FOUND for an unknown district", async () => {
    await expect(getDistrict(t.db, "atlantis")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
