import { Identity } from "@semaphore-protocol/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, polls } from "@/server/db/schema";
import { startPollScheduler } from "@/server/polls/start-poll-scheduler";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { createPoll } from "@/server/services/polls/create-poll";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../helpers/fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function eventually(probe: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not met within 10 s");
}

describe("startPollScheduler", () => {
  it("opens and closes a poll by itself, exactly once even with three schedulers running", async () => {
    const d = await makeDistrict(t.db, "riverside");
    const council = actorOf(await makeUser(t.db, "c@example.org"));
    await addToCouncil(t.db, d.id, council.userId);
    const { codes } = await generateInvitationCodes(t.db, council, { districtId: d.id, count: 2 });
    for (const code of codes)
      await joinDistrict(t.db, { code, commitment: new Identity().commitment.toString() });
    const poll = await createPoll(t.db, council, {
      districtId: d.id,
      poll: {
        title: "Plant trees?",
        options: ["Yes", "No"],
        method: { kind: "single" },
        opensAt: new Date(Date.now() + 60_000),
        closesAt: new Date(Date.now() + 120_000),
        minAnonymitySet: 2,
      },
    });
    await t.db
      .update(polls)
      .set({ opensAt: sql`now()`, closesAt: sql`now() + interval '1 second'` })
      .where(eq(polls.id, poll.id));
    let changes = 0;
    const schedulers = Array.from({ length: 3 }, () =>
      startPollScheduler(t.db, "plaza.test", 50, () => changes++),
    );
    try {
      await eventually(
        async () => (await t.db.select().from(polls).where(eq(polls.id, poll.id)))[0]?.status === "closed",
      );
    } finally {
      for (const s of schedulers) s.stop();
    }
    const types = (await t.db.select({ type: ledgerEntries.type }).from(ledgerEntries)).map((r) => r.type);
    expect(types.filter((x) => x === "poll_opened")).toHaveLength(1);
    expect(types.filter((x) => x === "poll_closed")).toHaveLength(1);
    expect(changes).toBeGreaterThanOrEqual(2);
  });
});
