import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry } from "@/core/entries";
import { processRulesProblem } from "@/core/processes/process-rules";
import { createCaller } from "@/server/api/root";
import { ledgerEntries, processes } from "@/server/db/schema";
import type { Actor } from "@/server/services/auth/actor";
import { createProcess } from "@/server/services/processes/create-process";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

let t: TestDb;
let districtId: string;
let otherDistrictId: string;
let council: NonNullable<Actor>;
let otherCouncil: NonNullable<Actor>;
let stranger: NonNullable<Actor>;

beforeAll(async () => {
  t = await createTestDb();
  districtId = (await makeDistrict(t.db, "riverside")).id;
  otherDistrictId = (await makeDistrict(t.db, "old-town")).id;
  council = actorOf(await makeUser(t.db, "council@example.org"));
  otherCouncil = actorOf(await makeUser(t.db, "other@example.org"));
  stranger = actorOf(await makeUser(t.db, "stranger@example.org"));
  await addToCouncil(t.db, districtId, council.userId);
  await addToCouncil(t.db, otherDistrictId, otherCouncil.userId);
});
afterAll(() => t.close());

const days = (d: number) => new Date(Date.now() + d * 86_400_000 + 3_600_000);
const process = (over: Record<string, unknown> = {}) => ({
  title: "Riverside budget 2027",
  description: "Residents propose, support and **choose** the projects.",
  boundaries: [0, 30, 45, 60, 90, 400].map(days),
  responseDeadline: days(75),
  proposalsPerResident: 2,
  commentsPerResident: 10,
  supportThreshold: 25,
  ballot: { kind: "budget" as const, budget: 200_000 },
  ...over,
});

describe("createProcess", () => {
  it("starts a process and records every rule in a process_started entry, in one transaction", async () => {
    const row = await createProcess(t.db, council, { districtId, process: process() });
    const [entry] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, row.startedEntry));
    const started = decodeEntry(entry?.data as Uint8Array);
    expect(started).toMatchObject({
      type: "process_started",
      processId: row.id,
      districtId,
      title: "Riverside budget 2027",
      rules: row.rules,
    });
    expect(processRulesProblem(row.rules)).toBeNull();
    expect(row.rules.phases.map((p) => p.kind)).toEqual([
      "proposals",
      "support",
      "ballot",
      "results",
      "follow_up",
    ]);
    expect(row.rules.ballot).toEqual({ kind: "budget", budget: 200_000 });
  });

  it("lets only the district's council start one", async () => {
    for (const actor of [null, stranger, otherCouncil]) {
      await expect(createProcess(t.db, actor, { districtId, process: process() })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
  });

  it.each([
    ["phases out of order", { boundaries: [0, 30, 20, 60, 90, 400].map(days) }, /must end after it starts/],
    ["a deadline before the results", { responseDeadline: days(50) }, /response deadline/],
    ["a support threshold of 0", { supportThreshold: 0 }, /supportThreshold/],
    ["a start in the past", { boundaries: [-2, 30, 45, 60, 90, 400].map(days) }, /cannot start in the past/],
    ["a missing boundary", { boundaries: [0, 30, 45, 60, 90].map(days) }, /boundaries/],
    ["a one-letter title", { title: "x" }, /title/],
  ])("refuses %s with BAD_INPUT and records nothing", async (_, over, message) => {
    const before = (await t.db.select().from(processes)).length;
    const entries = (await t.db.select().from(ledgerEntries)).length;
    await expect(createProcess(t.db, council, { districtId, process: process(over) })).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(message),
    });
    expect((await t.db.select().from(processes)).length).toBe(before);
    expect((await t.db.select().from(ledgerEntries)).length).toBe(entries);
  });
});

describe("process router", () => {
  it("lists and shows processes to anyone, and creates them for the council only", async () => {
    const publicCaller = createCaller({ db: t.db, actor: null, locale: "en" });
    const councilCaller = createCaller({ db: t.db, actor: council, locale: "en" });
    const created = await councilCaller.process.create({
      districtId,
      process: process({ title: "Tree planting 2027", ballot: { kind: "ranked", maxRanks: 3 } }),
    });
    expect((await publicCaller.process.list({ districtSlug: "riverside" })).map((p) => p.title)).toContain(
      "Tree planting 2027",
    );
    expect(await publicCaller.process.get({ processId: created.id })).toEqual(created);
    await expect(publicCaller.process.create({ districtId, process: process() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      publicCaller.process.get({ processId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
