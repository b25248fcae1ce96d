import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeInvitationCode } from "@/core/census";
import { censusInvitationCodes, instanceSettings } from "@/server/db/schema";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { hashInvitationCode } from "@/server/services/census/hash-invitation-code";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, makeUser } from "../../../helpers/fixtures";
import { censusDistrict } from "./census-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("generateInvitationCodes", () => {
  it("returns a batch of distinct canonical codes once, storing only their keyed hashes", async () => {
    const { district, council } = await censusDistrict(t.db, 1);
    const batch = await generateInvitationCodes(t.db, council, { districtId: district.id, count: 1000 });
    expect(batch.codes).toHaveLength(1000);
    expect(new Set(batch.codes).size).toBe(1000);
    expect(batch.districtName).toBe(district.name);
    for (const code of batch.codes) expect(normalizeInvitationCode(code)).toBe(code);

    const rows = await t.db
      .select()
      .from(censusInvitationCodes)
      .where(eq(censusInvitationCodes.batchId, batch.batchId));
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => !r.used && r.districtId === district.id && r.createdBy === council.userId)).toBe(
      true,
    );
    const stored = new Set(rows.map((r) => Buffer.from(r.codeHash).toString("hex")));
    const code = batch.codes[0] as string;
    expect(stored.has(Buffer.from(await hashInvitationCode(t.db, code)).toString("hex"))).toBe(true);
    // Not the code, and not an unkeyed hash of it either.
    expect(stored.has(createHash("sha256").update(code).digest("hex"))).toBe(false);
    expect(rows.some((r) => Buffer.from(r.codeHash).toString("latin1").includes(code))).toBe(false);
  });

  it("keys the hash with one secret per instance, kept in the database", async () => {
    const [key] = await t.db
      .select()
      .from(instanceSettings)
      .where(eq(instanceSettings.key, "census_code_key"));
    expect(Buffer.from(key?.value ?? "", "base64url")).toHaveLength(32);
  });

  it("refuses anyone but the district's council", async () => {
    const { district } = await censusDistrict(t.db, 1);
    const other = await censusDistrict(t.db, 1);
    const admin = actorOf(await makeUser(t.db, "codes-admin@example.org", { admin: true }));
    const input = { districtId: district.id, count: 5 };
    await expect(generateInvitationCodes(t.db, other.council, input)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(generateInvitationCodes(t.db, admin, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(generateInvitationCodes(t.db, null, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each([0, 1001, 2.5, -1])("rejects a count of %s", async (count) => {
    const { district, council } = await censusDistrict(t.db, 1);
    await expect(
      generateInvitationCodes(t.db, council, { districtId: district.id, count }),
    ).rejects.toThrow();
  });
});
