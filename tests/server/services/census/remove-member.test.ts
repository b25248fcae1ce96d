import { Group } from "@semaphore-protocol/group";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { censusMembers } from "@/server/db/schema";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { removeMember } from "@/server/services/census/remove-member";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeUser } from "../../../helpers/fixtures";
import { censusDistrict, censusEntries, commitment } from "./census-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code?: string }) => e.code ?? String(e),
  );

/** A district whose first `joined` codes were used by members 0..joined-1. */
async function withMembers(joined: number, extraCodes = 2) {
  const d = await censusDistrict(t.db, joined + extraCodes);
  const group = new Group();
  for (let i = 0; i < joined; i++) {
    await joinDistrict(t.db, { code: d.codes[i] as string, commitment: commitment(i) });
    group.addMember(BigInt(commitment(i)));
  }
  return { ...d, group };
}

describe("removeMember", () => {
  it("sets the member's leaf to 0 as @semaphore-protocol/group does and logs member_removed with the public reason", async () => {
    const { district, council, codes, group } = await withMembers(5);
    const r = await removeMember(t.db, council, {
      districtId: district.id,
      code: codes[4] as string,
      reason: "Moved out of the district",
    });
    group.removeMember(4);
    expect(r).toMatchObject({ memberIndex: 4, root: group.root.toString(), size: 5, depth: 3 });
    const r2 = await removeMember(t.db, council, {
      districtId: district.id,
      code: codes[1] as string,
      reason: "Registered twice",
    });
    group.removeMember(1);
    expect(r2.root).toBe(group.root.toString());

    const removed = (await censusEntries(t.db, district.id)).filter((e) => e.entry.type === "member_removed");
    expect(removed.map((e) => e.entry)).toEqual([
      expect.objectContaining({ memberIndex: 4, reason: "Moved out of the district", size: 5 }),
      expect.objectContaining({
        memberIndex: 1,
        reason: "Registered twice",
        root: group.root.toString(),
        size: 5,
      }),
    ]);
    const list = await listMembers(t.db, district.id);
    expect(list.members).toEqual(group.members.map(String));
    expect(list.root).toBe(group.root.toString());

    // Later joins keep hashing the zeros, as the group's incremental inserts do.
    await joinDistrict(t.db, { code: codes[5] as string, commitment: commitment(5) });
    group.addMember(BigInt(commitment(5)));
    expect((await listMembers(t.db, district.id)).root).toBe(group.root.toString());

    const [row] = await t.db
      .select()
      .from(censusMembers)
      .where(and(eq(censusMembers.districtId, district.id), eq(censusMembers.memberIndex, 4)));
    expect(row?.removalReason).toBe("Moved out of the district");
    expect(row?.removedAt).toBeInstanceOf(Date);
  });

  it("empties a census of one member to root 0", async () => {
    const { district, council, codes } = await withMembers(1);
    const r = await removeMember(t.db, council, {
      districtId: district.id,
      code: codes[0] as string,
      reason: "Test",
    });
    expect(r).toMatchObject({ root: "0", size: 1, depth: 0 });
  });

  it("refuses a council member of another district with FORBIDDEN, as it does the administrator and anonymous callers", async () => {
    const { district, codes } = await withMembers(2);
    const other = await censusDistrict(t.db, 1);
    const input = { districtId: district.id, code: codes[0] as string, reason: "No" };
    expect(await refusal(removeMember(t.db, other.council, input))).toBe("FORBIDDEN");
    const admin = actorOf(await makeUser(t.db, `admin-${district.slug}@example.org`, { admin: true }));
    expect(await refusal(removeMember(t.db, admin, input))).toBe("FORBIDDEN");
    expect(await refusal(removeMember(t.db, null, input))).toBe("FORBIDDEN");
    expect((await listMembers(t.db, district.id)).members).not.toContain("0");
  });

  it("refuses an unknown, malformed or other district's code with INVALID_CODE", async () => {
    const { district, council } = await withMembers(2);
    const other = await withMembers(1);
    // The council member of this district also sits on the other council: still not this census.
    await addToCouncil(t.db, other.district.id, council.userId);
    for (const code of ["2222-3333-4444-5555", "nonsense", other.codes[0] as string]) {
      expect(await refusal(removeMember(t.db, council, { districtId: district.id, code, reason: "x" }))).toBe(
        "INVALID_CODE",
      );
    }
  });

  it("refuses a code nobody joined with (MEMBER_NOT_FOUND) and a second removal (MEMBER_ALREADY_REMOVED)", async () => {
    const { district, council, codes } = await withMembers(2);
    expect(
      await refusal(
        removeMember(t.db, council, { districtId: district.id, code: codes[2] as string, reason: "x" }),
      ),
    ).toBe("MEMBER_NOT_FOUND");
    await removeMember(t.db, council, { districtId: district.id, code: codes[0] as string, reason: "x" });
    expect(
      await refusal(
        removeMember(t.db, council, { districtId: district.id, code: codes[0] as string, reason: "x" }),
      ),
    ).toBe("MEMBER_ALREADY_REMOVED");
  });

  it("refuses an empty or overlong reason", async () => {
    const { district, council, codes } = await withMembers(1);
    for (const reason of ["", "   ", "x".repeat(201)])
      await expect(
        removeMember(t.db, council, { districtId: district.id, code: codes[0] as string, reason }),
      ).rejects.toThrow();
  });

  it("refuses the removed commitment a new join (ALREADY_MEMBER): a returning resident needs a new identity", async () => {
    const { district, council, codes } = await withMembers(1);
    await removeMember(t.db, council, { districtId: district.id, code: codes[0] as string, reason: "x" });
    expect(await refusal(joinDistrict(t.db, { code: codes[1] as string, commitment: commitment(0) }))).toBe(
      "ALREADY_MEMBER",
    );
  });
});
