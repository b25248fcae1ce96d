import { randomUUID } from "node:crypto";
import { Group } from "@semaphore-protocol/group";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMemberProof, type CensusMerkleProof, verifyMemberProof } from "@/core/census";
import { polls } from "@/server/db/schema";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { removeMember } from "@/server/services/census/remove-member";
import { createPoll } from "@/server/services/polls/create-poll";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { censusDistrict, censusEntries, commitment } from "./census-fixtures";

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

  it("with a ledger size, replays the census entries below it: the group a poll froze when it opened", async () => {
    const { district, council, codes } = await censusDistrict(t.db, 8);
    const join = (i: number) => joinDistrict(t.db, { code: codes[i] as string, commitment: commitment(i) });
    const atOpening = new Group();
    for (let i = 0; i < 4; i++) {
      await join(i);
      atOpening.addMember(BigInt(commitment(i)));
    }
    await removeMember(t.db, council, { districtId: district.id, code: codes[1] as string, reason: "Moved" });
    atOpening.removeMember(1);
    const poll = await createPoll(t.db, council, {
      districtId: district.id,
      poll: {
        title: "Plant trees on the quay?",
        options: ["Yes", "No"],
        method: { kind: "single" },
        opensAt: new Date(Date.now() + 60_000),
        closesAt: new Date(Date.now() + 3_600_000),
        minAnonymitySet: 2,
      },
    });
    await t.db.update(polls).set({ opensAt: sql`now() - interval '1 second'` }).where(eq(polls.id, poll.id));
    expect(await openDuePolls(t.db, "plaza.test")).toContain(poll.id);
    // After the opening the census moves on: two newcomers, and a member present at opening leaves.
    await join(4);
    await join(5);
    await removeMember(t.db, council, { districtId: district.id, code: codes[2] as string, reason: "Left" });
    const [opened] = await t.db.select().from(polls).where(eq(polls.id, poll.id));

    const frozen = await listMembers(t.db, district.id, { ledgerSize: opened?.openedEntry as bigint });
    expect(frozen).toEqual({
      districtId: district.id,
      members: atOpening.members.map(String),
      size: 4,
      depth: 2,
      root: atOpening.root.toString(),
    });
    expect(frozen.root).toBe(opened?.frozenRoot);
    // Member 2 left after the opening but still proves against the frozen root; a newcomer cannot.
    const proof = buildMemberProof(frozen.members.map(BigInt), BigInt(commitment(2))) as CensusMerkleProof;
    expect(proof.root.toString()).toBe(opened?.frozenRoot);
    expect(verifyMemberProof(proof)).toBe(true);
    expect(buildMemberProof(frozen.members.map(BigInt), BigInt(commitment(4)))).toBeNull();

    const current = await listMembers(t.db, district.id);
    expect(current.size).toBe(6);
    expect(current.members[2]).toBe("0");
    expect(current.root).not.toBe(frozen.root);
    // A ledger size past every census entry gives the current census, rebuilt from the ledger.
    const last = (await censusEntries(t.db, district.id)).at(-1)?.idx as bigint;
    expect(await listMembers(t.db, district.id, { ledgerSize: last + 1n })).toEqual(current);
  });

  it("with a ledger size before the district's first census entry, gives an empty census", async () => {
    const { district, codes } = await censusDistrict(t.db, 2);
    const joined = await joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(0) });
    expect(await listMembers(t.db, district.id, { ledgerSize: joined.ledgerIndex })).toEqual({
      districtId: district.id,
      members: [],
      size: 0,
      depth: 0,
      root: "0",
    });
    expect(await listMembers(t.db, district.id, { ledgerSize: joined.ledgerIndex + 1n })).toMatchObject({
      members: [commitment(0)],
      root: joined.root,
    });
  });

  it("refuses a negative ledger size with BAD_INPUT", async () => {
    const { district } = await censusDistrict(t.db, 1);
    await expect(listMembers(t.db, district.id, { ledgerSize: -1n })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
  });
});
