import { readFileSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { pollIssuesFromServerMessage } from "@/app/_components/council-poll-form-model";
import type { TPollInput } from "@/core/polls/poll-input";
import { createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import { polls } from "@/server/db/schema";
import { isAppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/auth/actor";
import { joinDistrict } from "@/server/services/census/join-district";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

let t: TestDb;
let councillor: NonNullable<Actor>;
let otherCouncillor: NonNullable<Actor>;
let stranger: NonNullable<Actor>;
let admin: NonNullable<Actor>;
let riverside: { id: string; slug: string };

const caller = (actor: Actor) => createCaller({ db: t.db, actor, locale: "en" } satisfies Context);
const hour = 3_600_000;
const commitment = (i: number) => (1_000_000_007n * BigInt(i + 1) + 12_345n).toString();

function rules(over: Partial<TPollInput> = {}): TPollInput {
  return {
    title: "New benches in the park?",
    description: "Where should **they** go?",
    options: ["Yes", "No"],
    method: { kind: "single" },
    opensAt: new Date(Date.now() + hour),
    closesAt: new Date(Date.now() + 2 * hour),
    ...over,
  };
}

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

/** The input paths a refused call's validation error names, e.g. ["poll.method.max"]. */
async function invalidPaths(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError && e.code === "BAD_REQUEST" && e.cause instanceof ZodError)
      return e.cause.issues.map((i) => i.path.join("."));
    throw e;
  }
  throw new Error("the call was accepted");
}

beforeAll(async () => {
  t = await createTestDb();
  councillor = actorOf(await makeUser(t.db, "ana@example.org"));
  otherCouncillor = actorOf(await makeUser(t.db, "olga@example.org"));
  stranger = actorOf(await makeUser(t.db, "stranger@example.org"));
  admin = actorOf(await makeUser(t.db, "admin@example.org", { admin: true }));
  riverside = await makeDistrict(t.db, "riverside", "Riverside");
  const oldTown = await makeDistrict(t.db, "old-town", "Old Town");
  await addToCouncil(t.db, riverside.id, councillor.userId);
  await addToCouncil(t.db, oldTown.id, otherCouncillor.userId);
});
afterAll(() => t.close());

describe("poll.create, poll.list and poll.get", () => {
  it("lets a council member schedule a poll that anyone can list and read", async () => {
    const created = await caller(councillor).poll.create({
      districtId: riverside.id,
      poll: rules({ method: { kind: "approval", min: 1, max: 2 }, minAnonymitySet: 25 }),
    });
    expect(created).toMatchObject({
      districtId: riverside.id,
      title: "New benches in the park?",
      description: "Where should **they** go?",
      options: ["Yes", "No"],
      method: { kind: "approval", min: 1, max: 2 },
      minAnonymitySet: 25,
      status: "scheduled",
      scope: null,
      frozenRoot: null,
      openedEntry: null,
      closedEntry: null,
    });
    const listed = await caller(null).poll.list({ districtSlug: "riverside" });
    expect(listed.map((p) => p.id)).toContain(created.id);
    expect(await caller(null).poll.get({ pollId: created.id })).toEqual(created);
  });

  it("defaults the minimum anonymity set to 10 and trims the texts", async () => {
    const created = await caller(councillor).poll.create({
      districtId: riverside.id,
      poll: { ...rules({ title: "  Trees on Main Street  ", options: [" Oak ", "Lime"] }) },
    });
    expect(created).toMatchObject({
      minAnonymitySet: 10,
      title: "Trees on Main Street",
      options: ["Oak", "Lime"],
    });
  });

  it("lists polls soonest first", async () => {
    const d = await makeDistrict(t.db, "ordering");
    await addToCouncil(t.db, d.id, councillor.userId);
    const later = await caller(councillor).poll.create({
      districtId: d.id,
      poll: rules({
        title: "Later",
        opensAt: new Date(Date.now() + 5 * hour),
        closesAt: new Date(Date.now() + 6 * hour),
      }),
    });
    const sooner = await caller(councillor).poll.create({
      districtId: d.id,
      poll: rules({ title: "Sooner" }),
    });
    expect((await caller(null).poll.list({ districtSlug: "ordering" })).map((p) => p.id)).toEqual([
      sooner.id,
      later.id,
    ]);
  });

  it("answers NOT_FOUND for an unknown district or poll", async () => {
    expect(await outcome(caller(null).poll.list({ districtSlug: "atlantis" }))).toBe("NOT_FOUND/NOT_FOUND");
    expect(await outcome(caller(null).poll.get({ pollId: "00000000-0000-4000-8000-000000000000" }))).toBe(
      "NOT_FOUND/NOT_FOUND",
    );
  });

  it.each([
    ["a short title", { title: "ab" }, ["poll.title"]],
    ["one option", { options: ["Only"] }, ["poll.options"]],
    ["an empty option", { options: ["Yes", " "] }, ["poll.options.1"]],
    ["the same option twice", { options: ["Yes", "YES"] }, ["poll.options"]],
    ["closing before opening", { closesAt: new Date(Date.now() + hour / 2) }, ["poll.closesAt"]],
    ["opening in the past", { opensAt: new Date(Date.now() - hour) }, ["poll.opensAt"]],
    [
      "approval min above max",
      { method: { kind: "approval" as const, min: 2, max: 1 } },
      ["poll.method.min"],
    ],
    [
      "approval max above the options",
      { method: { kind: "approval" as const, min: 0, max: 3 } },
      ["poll.method.max"],
    ],
    ["an anonymity set of 1", { minAnonymitySet: 1 }, ["poll.minAnonymitySet"]],
  ])("refuses %s as BAD_REQUEST naming the field", async (_label, over, paths) => {
    expect(
      await invalidPaths(caller(councillor).poll.create({ districtId: riverside.id, poll: rules(over) })),
    ).toEqual(paths);
  });
});

describe("poll.artifacts", () => {
  it("gives the content-addressed artifact URLs of a depth from the committed manifest, and refuses depth 0 and 33", async () => {
    const manifest = JSON.parse(readFileSync("circuits/manifest.json", "utf8")) as {
      artifacts: {
        depths: {
          depth: number;
          wasm: { sha256: string; file: string };
          zkey: { sha256: string; file: string };
        }[];
      };
    };
    const d11 = manifest.artifacts.depths.find((d) => d.depth === 11);
    expect(await caller(null).poll.artifacts({ depth: 11 })).toEqual({
      wasm: `/zk/artifacts/${d11?.wasm.sha256}/${d11?.wasm.file}`,
      zkey: `/zk/artifacts/${d11?.zkey.sha256}/${d11?.zkey.file}`,
    });
    expect(await outcome(caller(null).poll.artifacts({ depth: 0 }))).toBe("BAD_REQUEST");
    expect(await outcome(caller(null).poll.artifacts({ depth: 33 }))).toBe("BAD_REQUEST");
  });
});

describe("poll.update", () => {
  it("changes a scheduled poll, and refuses with POLL_LOCKED once it has opened", async () => {
    const d = await makeDistrict(t.db, "lock-test");
    await addToCouncil(t.db, d.id, councillor.userId);
    const draft = await caller(councillor).poll.create({ districtId: d.id, poll: rules() });
    const edited = await caller(councillor).poll.update({
      pollId: draft.id,
      poll: rules({ options: ["Yes", "No", "Later"], minAnonymitySet: 2 }),
    });
    expect(edited).toMatchObject({ id: draft.id, options: ["Yes", "No", "Later"], minAnonymitySet: 2 });

    // Open it for real: a due poll (within the scheduling grace) and a census of its minimum size.
    const { codes } = await caller(councillor).census.generateCodes({ districtId: d.id, count: 2 });
    for (const [i, code] of codes.entries()) await joinDistrict(t.db, { code, commitment: commitment(i) });
    const due = await caller(councillor).poll.create({
      districtId: d.id,
      poll: rules({ opensAt: new Date(Date.now() - 5_000), minAnonymitySet: 2 }),
    });
    expect(await openDuePolls(t.db, "plaza.test")).toContain(due.id);
    const opened = await caller(null).poll.get({ pollId: due.id });
    expect(opened).toMatchObject({ status: "open", censusSize: 2, depth: 1 });
    expect(opened.openedEntry).toMatch(/^(0|[1-9][0-9]*)$/);
    expect(opened.frozenRoot).toMatch(/^[1-9][0-9]*$/);
    expect(await outcome(caller(councillor).poll.update({ pollId: due.id, poll: rules() }))).toBe(
      "CONFLICT/POLL_LOCKED",
    );
    expect(await caller(null).poll.get({ pollId: due.id })).toEqual(opened);
  });

  it("keeps a due poll scheduled while the census is below its minimum anonymity set, and lets the council change it", async () => {
    const d = await makeDistrict(t.db, "small-census");
    await addToCouncil(t.db, d.id, councillor.userId);
    const waiting = await caller(councillor).poll.create({
      districtId: d.id,
      poll: rules({ opensAt: new Date(Date.now() - 5_000), minAnonymitySet: 3 }),
    });
    expect(await openDuePolls(t.db, "plaza.test")).not.toContain(waiting.id);
    expect((await caller(null).poll.get({ pollId: waiting.id })).status).toBe("scheduled");
    const lowered = await caller(councillor).poll.update({
      pollId: waiting.id,
      poll: rules({ minAnonymitySet: 2 }),
    });
    expect(lowered).toMatchObject({ status: "scheduled", minAnonymitySet: 2 });
  });

  it("accepts the stored opening time of a poll waiting for its census, though past, with a lower minimum", async () => {
    const d = await makeDistrict(t.db, "waited-long");
    await addToCouncil(t.db, d.id, councillor.userId);
    const created = await caller(councillor).poll.create({
      districtId: d.id,
      poll: rules({ minAnonymitySet: 5 }),
    });
    // It has waited an hour past its opening time for a census of 5.
    const stored = new Date(Date.now() - hour);
    await t.db.update(polls).set({ opensAt: stored }).where(eq(polls.id, created.id));
    const edited = await caller(councillor).poll.update({
      pollId: created.id,
      poll: rules({ opensAt: stored, minAnonymitySet: 2 }),
    });
    expect(edited).toMatchObject({ status: "scheduled", minAnonymitySet: 2 });
    expect(new Date(edited.opensAt).getTime()).toBe(stored.getTime());
  });

  it("refuses to move a waiting poll's opening time to another past time, changing nothing", async () => {
    const d = await makeDistrict(t.db, "moved-back");
    await addToCouncil(t.db, d.id, councillor.userId);
    const created = await caller(councillor).poll.create({
      districtId: d.id,
      poll: rules({ minAnonymitySet: 5 }),
    });
    const stored = new Date(Date.now() - hour);
    await t.db.update(polls).set({ opensAt: stored }).where(eq(polls.id, created.id));
    const before = await caller(null).poll.get({ pollId: created.id });
    const refused = caller(councillor).poll.update({
      pollId: created.id,
      poll: rules({ opensAt: new Date(stored.getTime() - hour), minAnonymitySet: 2 }),
    });
    const error = await refused.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error instanceof TRPCError && isAppError(error.cause) ? error.cause.code : error).toBe(
      "BAD_INPUT",
    );
    // Shaped like a refused input, so the form shows it beside the opening time.
    expect(pollIssuesFromServerMessage((error as Error).message)).toEqual([
      { path: ["opensAt"], code: "custom" },
    ]);
    expect(await caller(null).poll.get({ pollId: created.id })).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown poll", async () => {
    expect(
      await outcome(
        caller(councillor).poll.update({ pollId: "00000000-0000-4000-8000-000000000000", poll: rules() }),
      ),
    ).toBe("NOT_FOUND/NOT_FOUND");
  });
});

describe("poll council actions by anyone else", () => {
  const who: [string, () => Actor][] = [
    ["an anonymous visitor or resident", () => null],
    ["a signed-in user on no council", () => stranger],
    ["a council member of another district", () => otherCouncillor],
    ["the platform administrator (not on this council)", () => admin],
  ];
  for (const [label, actor] of who) {
    it(`are FORBIDDEN to ${label}, and change nothing`, async () => {
      const poll = await caller(councillor).poll.create({ districtId: riverside.id, poll: rules() });
      const before = await caller(null).poll.list({ districtSlug: "riverside" });
      expect(
        await outcome(caller(actor()).poll.create({ districtId: riverside.id, poll: rules() })),
        "create",
      ).toBe("FORBIDDEN/FORBIDDEN");
      expect(
        await outcome(caller(actor()).poll.update({ pollId: poll.id, poll: rules({ title: "Hijacked" }) })),
        "update",
      ).toBe("FORBIDDEN/FORBIDDEN");
      expect(await caller(null).poll.list({ districtSlug: "riverside" })).toEqual(before);
    });
  }
});
