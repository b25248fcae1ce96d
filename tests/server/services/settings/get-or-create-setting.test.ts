import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrCreateSetting } from "@/server/services/settings/get-or-create-setting";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("getOrCreateSetting", () => {
  it("gives every concurrent caller the first value written", async () => {
    let n = 0;
    const values = await Promise.all(
      Array.from({ length: 8 }, () => getOrCreateSetting(t.db, "auth_secret", () => `value-${n++}`)),
    );
    expect(new Set(values).size).toBe(1);
    expect(await getOrCreateSetting(t.db, "auth_secret", () => "later")).toBe(values[0]);
  });
});
