import { Group } from "@semaphore-protocol/group";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeInvitationCode } from "@/core/census";
import { createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import { censusInvitationCodes } from "@/server/db/schema";
import { isAppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/auth/actor";
import { MAX_CODES_PER_BATCH } from "@/server/services/census/generate-invitation-codes";
import { hashInvitationCode } from "@/server/services/census/hash-invitation-code";
import { joinDistrict } from "@/server/services/census/join-district";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

let t: TestDb;
let councillor: NonNullable<Actor>;
let otherCouncillor: NonNullable<Actor>;
let stranger: NonNullable<Actor>;
let admin: NonNullable<Actor>;
let riverside: { id: string; slug: string };
let oldTown: { id: string; slug: string };

const caller = (actor: Actor) => createCaller({ db: t.db, actor, locale: "en" } satisfies Context);

/** "OK", or the failure as "<tRPC code>/<AppError code>" (the AppError part only when there is one). */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return isAppError(e.cause) ? `${e.code}/${e.cause.code}` : e.code;
  }
  return "OK";
}

/** A valid identity commitment (the server never needs the identity behind it). */
const commitment = (i: number) => (1_000_000_007n * BigInt(i + 1) + 12_345n).toString();

beforeAll(async () => {
  t = await createTestDb();
  councillor = actorOf(await makeUser(t.db, "ana@example.org"));
  otherCouncillor = actorOf(await makeUser(t.db, "olga@example.org"));
  stranger = actorOf(await makeUser(t.db, "stranger@example.org"));
  admin = actorOf(await makeUser(t.db, "admin@example.org", { admin: true }));
  riverside = await makeDistrict(t.db, "riverside", "Riverside");
  oldTown = await makeDistrict(t.db, "old-town", "Old Town");
  await addToCouncil(t.db, riverside.id, councillor.userId);
  await addToCouncil(t.db, oldTown.id, otherCouncillor.userId);
});
afterAll(() => t.close());

describe("census.generateCodes", () => {
  it("returns the batch's codes once, in canonical form, with the join address for the letters", async () => {
    const batch = await caller(councillor).census.generateCodes({ districtId: riverside.id, count: 25 });
    expect(batch).toMatchObject({ districtId: riverside.id, districtName: "Riverside" });
    expect(batch.joinUrl).toMatch(/^https?:\/\/[^/]+\/join\?district=riverside$/);
    expect(batch.codes).toHaveLength(25);
    expect(new Set(batch.codes).size).toBe(25);
    for (const code of batch.codes) expect(normalizeInvitationCode(code), code).toBe(code);
  });

  it("stores only keyed hashes of the codes, never the codes", async () => {
    const batch = await caller(councillor).census.generateCodes({ districtId: riverside.id, count: 3 });
    const rows = await t.db
      .select()
      .from(censusInvitationCodes)
      .where(eq(censusInvitationCodes.batchId, batch.batchId));
    expect(rows).toHaveLength(3);
    const stored = JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString() : v));
    for (const code of batch.codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }
    const hashes = rows.map((r) => Buffer.from(r.codeHash).toString("hex")).sort();
    const expected = await Promise.all(
      batch.codes.map(async (c) => Buffer.from(await hashInvitationCode(t.db, c)).toString("hex")),
    );
    expect(hashes).toEqual(expected.sort());
  });

  it("accepts the largest batch and refuses one code more or zero codes as bad input", async () => {
    const big = await caller(councillor).census.generateCodes({
      districtId: riverside.id,
      count: MAX_CODES_PER_BATCH,
    });
    expect(big.codes).toHaveLength(MAX_CODES_PER_BATCH);
    expect(
      await outcome(
        caller(councillor).census.generateCodes({ districtId: riverside.id, count: MAX_CODES_PER_BATCH + 1 }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await outcome(caller(councillor).census.generateCodes({ districtId: riverside.id, count: 0 })),
    ).toBe("BAD_REQUEST");
    expect(await outcome(caller(councillor).census.generateCodes({ districtId: "nope", count: 1 }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("census.summary and census.removeMember", () => {
  it("counts members, removals and codes, and the root is the one @semaphore-protocol/group computes", async () => {
    const d = await makeDistrict(t.db, "harbour", "Harbour");
    const council = actorOf(await makeUser(t.db, "harbour-council@example.org"));
    await addToCouncil(t.db, d.id, council.userId);
    const empty = await caller(null).census.summary({ districtSlug: "harbour" });
    expect(empty).toMatchObject({
      districtId: d.id,
      districtName: "Harbour",
      size: 0,
      activeMembers: 0,
      removedMembers: 0,
      root: "0",
      codesIssued: 0,
      codesUsed: 0,
      recentRemovals: [],
    });

    const { codes } = await caller(council).census.generateCodes({ districtId: d.id, count: 6 });
    const group = new Group();
    for (let i = 0; i < 4; i++) {
      await joinDistrict(t.db, { code: codes[i] as string, commitment: commitment(i) });
      group.addMember(BigInt(commitment(i)));
    }
    const removal = await caller(council).census.removeMember({
      districtId: d.id,
      code: (codes[2] as string).toLowerCase().replaceAll("-", " "),
      reason: "Moved away",
    });
    group.removeMember(2);
    expect(removal).toMatchObject({ districtId: d.id, memberIndex: 2, size: 4, root: group.root.toString() });
    expect(removal.ledgerIndex).toMatch(/^(0|[1-9][0-9]*)$/);

    // Public: a resident (no actor) sees the same numbers as the council.
    const summary = await caller(null).census.summary({ districtSlug: "harbour" });
    expect(summary).toMatchObject({
      size: 4,
      activeMembers: 3,
      removedMembers: 1,
      root: group.root.toString(),
      depth: group.depth,
      codesIssued: 6,
      codesUsed: 4,
    });
    expect(summary.recentRemovals).toEqual([
      { memberIndex: 2, reason: "Moved away", removedAt: expect.any(Date) },
    ]);
  });

  it("refuses to remove a member twice, an unused code, a code of no one and an empty reason, each with its own code", async () => {
    const d = await makeDistrict(t.db, "quay", "Quay");
    await addToCouncil(t.db, d.id, councillor.userId);
    const { codes } = await caller(councillor).census.generateCodes({ districtId: d.id, count: 2 });
    await joinDistrict(t.db, { code: codes[0] as string, commitment: commitment(100) });
    const remove = (code: string, reason = "Duplicate registration") =>
      outcome(caller(councillor).census.removeMember({ districtId: d.id, code, reason }));
    expect(await remove(codes[0] as string)).toBe("OK");
    expect(await remove(codes[0] as string)).toBe("CONFLICT/MEMBER_ALREADY_REMOVED");
    expect(await remove(codes[1] as string)).toBe("NOT_FOUND/MEMBER_NOT_FOUND");
    expect(await remove("AAAA-AAAA-AAAA-AAAA")).toBe("BAD_REQUEST/INVALID_CODE");
    expect(await remove("not a code")).toBe("BAD_REQUEST/INVALID_CODE");
    expect(await remove(codes[1] as string, "   ")).toBe("BAD_REQUEST");
    // A code of another district does not identify a member here.
    const other = await caller(otherCouncillor).census.generateCodes({ districtId: oldTown.id, count: 1 });
    expect(await remove(other.codes[0] as string)).toBe("BAD_REQUEST/INVALID_CODE");
  });

  it("answers NOT_FOUND for a district that does not exist and BAD_REQUEST for a malformed slug", async () => {
    expect(await outcome(caller(null).census.summary({ districtSlug: "atlantis" }))).toBe(
      "NOT_FOUND/NOT_FOUND",
    );
    expect(await outcome(caller(null).census.summary({ districtSlug: "Not A Slug!" }))).toBe("BAD_REQUEST");
  });
});

describe("census.batches", () => {
  it("lists the district's batches newest first with issued and used counts, and no codes", async () => {
    const d = await makeDistrict(t.db, "mill", "Mill");
    await addToCouncil(t.db, d.id, councillor.userId);
    const first = await caller(councillor).census.generateCodes({ districtId: d.id, count: 3 });
    // A later batch sorts first: make its rows visibly newer than the first batch's.
    await t.db
      .update(censusInvitationCodes)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(censusInvitationCodes.batchId, first.batchId));
    const second = await caller(councillor).census.generateCodes({ districtId: d.id, count: 2 });
    await joinDistrict(t.db, { code: first.codes[1] as string, commitment: commitment(200) });
    const batches = await caller(councillor).census.batches({ districtId: d.id });
    expect(batches.map((b) => [b.batchId, b.issued, b.used])).toEqual([
      [second.batchId, 2, 0],
      [first.batchId, 3, 1],
    ]);
    expect(JSON.stringify(batches)).not.toContain(first.codes[0]);
  });
});

describe("census council actions by anyone else", () => {
  const actions = () => ({
    generateCodes: (a: Actor) => caller(a).census.generateCodes({ districtId: riverside.id, count: 1 }),
    removeMember: (a: Actor) =>
      caller(a).census.removeMember({ districtId: riverside.id, code: "AAAA-AAAA-AAAA-AAAA", reason: "x" }),
    batches: (a: Actor) => caller(a).census.batches({ districtId: riverside.id }),
  });
  const who: [string, () => Actor][] = [
    ["an anonymous visitor or resident", () => null],
    ["a signed-in user on no council", () => stranger],
    ["a council member of another district", () => otherCouncillor],
    ["the platform administrator (not on this council)", () => admin],
  ];
  for (const [label, actor] of who) {
    it(`are FORBIDDEN to ${label}`, async () => {
      for (const [name, run] of Object.entries(actions())) {
        expect(await outcome(run(actor())), `${name} by ${label}`).toBe("FORBIDDEN/FORBIDDEN");
      }
    });
  }

  it("leave nothing behind when refused", async () => {
    const before = await caller(null).census.summary({ districtSlug: "riverside" });
    await outcome(caller(stranger).census.generateCodes({ districtId: riverside.id, count: 50 }));
    const after = await caller(null).census.summary({ districtSlug: "riverside" });
    expect(after.codesIssued).toBe(before.codesIssued);
  });
});
