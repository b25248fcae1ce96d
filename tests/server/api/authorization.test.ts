import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import type { Actor } from "@/server/services/auth/actor";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../helpers/fixtures";

let t: TestDb;
let admin: NonNullable<Actor>;
let councillor: NonNullable<Actor>;
let otherCouncillor: NonNullable<Actor>;
let districtId: string;

const caller = (actor: Actor) => createCaller({ db: t.db, actor, locale: "en" } satisfies Context);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
}

beforeAll(async () => {
  t = await createTestDb();
  admin = actorOf(await makeUser(t.db, "admin@example.org", { admin: true }));
  councillor = actorOf(await makeUser(t.db, "c@example.org"));
  otherCouncillor = actorOf(await makeUser(t.db, "other@example.org"));
  const d = await makeDistrict(t.db, "riverside");
  const other = await makeDistrict(t.db, "old-town");
  districtId = d.id;
  await addToCouncil(t.db, d.id, councillor.userId);
  await addToCouncil(t.db, other.id, otherCouncillor.userId);
});
afterAll(() => t.close());

describe("authorization inside every procedure", () => {
  it("refuses administrator and council procedures to a stranger or resident with FORBIDDEN", async () => {
    expect(await codeOf(caller(null).district.create({ name: "Xanadu", slug: "x-1" }))).toBe("FORBIDDEN");
    expect(await codeOf(caller(null).council.listAll())).toBe("FORBIDDEN");
    expect(await codeOf(caller(null).council.invite({ districtId, email: "a@example.org", name: "A" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(caller(null).council.remove({ districtId, userId: councillor.userId }))).toBe(
      "FORBIDDEN",
    );
    // The dashboard is not a council action but a signed-in page: it asks to sign in.
    expect(await codeOf(caller(null).council.dashboard())).toBe("UNAUTHORIZED");
  });

  it("refuses administrator procedures to a council member with FORBIDDEN", async () => {
    expect(await codeOf(caller(councillor).district.create({ name: "Xanadu", slug: "x-2" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(caller(councillor).council.listAll())).toBe("FORBIDDEN");
    expect(
      await codeOf(caller(councillor).council.invite({ districtId, email: "b@example.org", name: "B" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(caller(councillor).council.remove({ districtId, userId: otherCouncillor.userId })),
    ).toBe("FORBIDDEN");
  });

  it("lets the administrator manage districts and councils", async () => {
    expect(await codeOf(caller(admin).district.create({ name: "North Bank", slug: "north-bank" }))).toBe(
      "OK",
    );
    expect(await codeOf(caller(admin).council.listAll())).toBe("OK");
  });

  it("shows a council member only their own councils", async () => {
    const me = await caller(councillor).council.dashboard();
    expect(me.councils.map((c) => c.slug)).toEqual(["riverside"]);
  });

  it("rejects malformed input with BAD_REQUEST and a field error, not a 500", async () => {
    const err = await caller(admin)
      .district.create({ name: "Y", slug: "Not A Slug!" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("answers an unknown district with NOT_FOUND", async () => {
    expect(await codeOf(caller(null).district.bySlug({ slug: "nowhere" }))).toBe("NOT_FOUND");
  });
});
