import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TPollInput } from "@/core/polls/poll-input";
import { polls } from "@/server/db/schema";
import type { Actor } from "@/server/services/auth/actor";
import { createPoll } from "@/server/services/polls/create-poll";
import { getPoll, listPolls } from "@/server/services/polls/list-polls";
import { updatePoll } from "@/server/services/polls/update-poll";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

let t: TestDb;
let council: NonNullable<Actor>;
let outsider: NonNullable<Actor>;
let districtId: string;

const hour = 3_600_000;
function rules(over: Partial<TPollInput> = {}): TPollInput {
  return {
    title: "New benches in the park?",
    description: "Where should they go?",
    options: ["Yes", "No"],
    method: { kind: "single" },
    opensAt: new Date(Date.now() + hour),
    closesAt: new Date(Date.now() + 2 * hour),
    ...over,
  };
}

beforeAll(async () => {
  t = await createTestDb();
  const d = await makeDistrict(t.db, "riverside");
  districtId = d.id;
  council = actorOf(await makeUser(t.db, "council@example.org"));
  outsider = actorOf(await makeUser(t.db, "other@example.org"));
  await addToCouncil(t.db, d.id, council.userId);
});
afterAll(() => t.close());

describe("createPoll and updatePoll", () => {
  it("lets a council member schedule a poll that the public can see", async () => {
    const poll = await createPoll(t.db, council, { districtId, poll: rules() });
    expect(poll).toMatchObject({ status: "scheduled", minAnonymitySet: 10, options: ["Yes", "No"] });
    expect((await listPolls(t.db, districtId)).map((p) => p.id)).toContain(poll.id);
    expect((await getPoll(t.db, poll.id)).title).toBe("New benches in the park?");
  });

  it("refuses strangers, residents and other districts' councillors with FORBIDDEN", async () => {
    await expect(createPoll(t.db, null, { districtId, poll: rules() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createPoll(t.db, outsider, { districtId, poll: rules() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it.each([
    ["closing before opening", { closesAt: new Date(Date.now() + hour / 2) }, /close after it opens/],
    ["opening in the past", { opensAt: new Date(Date.now() - 2 * hour) }, /in the past/],
    ["one option", { options: ["Only"] }, /at least two options/],
    ["the same option twice", { options: ["Yes", "yes"] }, /must differ/],
    [
      "approval max above the options",
      { method: { kind: "approval" as const, min: 1, max: 3 } },
      /cannot exceed/,
    ],
    [
      "approval min above max",
      { method: { kind: "approval" as const, min: 2, max: 1 } },
      /min must not exceed max/,
    ],
    ["an anonymity set of 1", { minAnonymitySet: 1 }, /at least 2/],
    ["an empty title", { title: "  " }, /at least 3/],
  ])("refuses %s with a clear message", async (_label, over, message) => {
    await expect(createPoll(t.db, council, { districtId, poll: rules(over) })).rejects.toThrow(message);
  });

  it("allows changes while scheduled, and POLL_LOCKED once the poll has opened", async () => {
    const poll = await createPoll(t.db, council, { districtId, poll: rules() });
    const changed = await updatePoll(t.db, council, {
      pollId: poll.id,
      poll: rules({ options: ["Yes", "No", "Later"] }),
    });
    expect(changed.options).toEqual(["Yes", "No", "Later"]);
    await expect(updatePoll(t.db, outsider, { pollId: poll.id, poll: rules() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await t.db.update(polls).set({ status: "open" }).where(eq(polls.id, poll.id));
    await expect(updatePoll(t.db, council, { pollId: poll.id, poll: rules() })).rejects.toMatchObject({
      code: "POLL_LOCKED",
    });
    // A poll whose opening time has come but which has not opened (its census is too small) can
    // still change: nothing about it is on the ledger yet.
    const due = await createPoll(t.db, council, { districtId, poll: rules() });
    await t.db.update(polls).set({ opensAt: sql`now() - interval '1 second'` }).where(eq(polls.id, due.id));
    const moved = await updatePoll(t.db, council, { pollId: due.id, poll: rules({ minAnonymitySet: 2 }) });
    expect(moved).toMatchObject({ status: "scheduled", minAnonymitySet: 2 });
  });
});
