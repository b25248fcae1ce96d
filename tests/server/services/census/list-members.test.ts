import { randomUUID } from "node:crypto";
import { Group } from "@semaphore-protocol/group";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMemberProof, type CensusMerkleProof, verifyMemberProof } from "@/core/census";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { removeMember } from "@/server/services/census/remove-member";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { censusDistrict, commitment } from "./census-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("listMembers", () => {
  it("lists every commitment in index order, removed ones as 0, with the root a browser can rebuild and prove against", async () => {
    const { district, council, codes } = await censusDistrict(t.db, 7);
    const group = new Group();
    for (let i = 0; i < 7; i++) {
      await joinDistrict(t.db, { code: codes[i] as string, commitment: commitment(i) });
      group.addMember(BigInt(commitment(i)));
    }
    await removeMember(t.db, council, { districtId: district.id, code: codes[3] as string, reason: "Left" });
    group.removeMember(3);

    const list = await listMembers(t.db, district.id);
    expect(list).toEqual({
      districtId: district.id,
      members: group.members.map(String),
      size: 7,
      depth: 3,
      root: group.root.toString(),
    });
    expect(list.members[3]).toBe("0");
    const proof = buildMemberProof(list.members.map(BigInt), BigInt(commitment(6))) as CensusMerkleProof;
    expect(proof.root.toString()).toBe(list.root);
    expect(verifyMemberProof(proof)).toBe(true);
    expect(buildMemberProof(list.members.map(BigInt), BigInt(commitment(3)))).toBeNull();
  });

  it("gives an empty census with root 0", async () => {
    const { district } = await censusDistrict(t.db, 1);
    expect(await listMembers(t.db, district.id)).toEqual({
      districtId: district.id,
      members: [],
      size: 0,
      depth: 0,
      root: "0",
    });
  });

  it("answers NOT_FOUND for an unknown district and rejects a malformed id", async () => {
    await expect(listMembers(t.db, randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listMembers(t.db, "riverside")).rejects.toThrow();
  });
});
