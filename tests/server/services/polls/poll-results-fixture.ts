import { Group, generateProof, Identity, type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { eq, sql } from "drizzle-orm";
import { ballotMessage, pollScope } from "@/core/ballot";
import type { TPollInput } from "@/core/polls/poll-input";
import { polls } from "@/server/db/schema";
import { appendEntries } from "@/server/ledger/append-entries";
import type { LogIdentity } from "@/server/ledger/log-identity";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import type { Actor } from "@/server/services/auth/actor";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { districtCreatedEntry } from "@/server/services/districts/create-district";
import { castVote } from "@/server/services/polls/cast-vote";
import { closeDuePolls } from "@/server/services/polls/close-due-polls";
import { createPoll } from "@/server/services/polls/create-poll";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { artifactPath } from "@/server/zk/artifact-path";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";
import { testLogIdentity } from "../../../helpers/test-log-identity";

export const ORIGIN = "plaza.test/results";

/** A vote as the resident's browser remembers it (the fields of a StoredReceipt that matter). */
export interface CastRecord {
  pollId: string;
  entryIndex: string;
  ballot: number[];
  sequence: number;
  nullifier: string;
}

/**
 * A real ledger with real Semaphore proofs: three residents in Riverside, and
 * - a closed single-choice poll: resident 0 votes [0], resident 1 votes [1], resident 2 votes [0]
 *   and then changes to [1] (so counts [1, 2, 0], turnout 3, one superseded vote);
 * - a closed approval poll (1 to 2 options): resident 0 approves [0, 1], resident 1 approves [1];
 * - an open poll where resident 0 voted [0] and then changed to [1];
 * - a scheduled poll that has not opened.
 * Every entry is covered by a checkpoint signed by `identity`.
 */
export interface ResultsFixture {
  t: TestDb;
  identity: LogIdentity;
  districtId: string;
  residents: Identity[];
  closedPollId: string;
  approvalPollId: string;
  openPollId: string;
  scheduledPollId: string;
  /** Votes in the order they were cast: closed poll 0..3, approval poll 4..5, open poll 6..7. */
  cast: CastRecord[];
  /** Casts one more vote with a real proof (no checkpoint is signed). */
  vote(who: Identity, pollId: string, ballot: number[], sequence: number): Promise<CastRecord>;
  sign(): Promise<void>;
}

/**
 * `districtEntry`: also record the district_created entry first, as createDistrict does (the
 * helper makeDistrict inserts only the row), so the ledger is complete for an observer's replay.
 */
export async function buildResultsFixture(
  options: { districtEntry?: boolean } = {},
): Promise<ResultsFixture> {
  const t = await createTestDb();
  const identity = testLogIdentity(ORIGIN);
  const district = await makeDistrict(t.db, "riverside");
  if (options.districtEntry) {
    await t.db.transaction((tx) => appendEntries(tx, [districtCreatedEntry(district)]));
  }
  const council: NonNullable<Actor> = actorOf(await makeUser(t.db, "council@example.org"));
  await addToCouncil(t.db, district.id, council.userId);
  const residents = [new Identity(), new Identity(), new Identity()];
  const { codes } = await generateInvitationCodes(t.db, council, { districtId: district.id, count: 3 });
  for (const [i, r] of residents.entries()) {
    await joinDistrict(t.db, { code: codes[i] as string, commitment: r.commitment.toString() });
  }
  const group = new Group(residents.map((r) => r.commitment));

  const makePoll = async (over: Partial<TPollInput>, due = true) => {
    const poll = await createPoll(t.db, council, {
      districtId: district.id,
      poll: {
        title: "Close the street to cars on Sundays?",
        options: ["Yes", "No", "Only in summer"],
        method: { kind: "single" },
        opensAt: new Date(Date.now() + 60_000),
        closesAt: new Date(Date.now() + 3_600_000),
        minAnonymitySet: 2,
        ...over,
      },
    });
    if (due) {
      await t.db
        .update(polls)
        .set({ opensAt: sql`now() - interval '1 second'` })
        .where(eq(polls.id, poll.id));
    }
    return poll.id;
  };
  const closedPollId = await makePoll({});
  const approvalPollId = await makePoll({
    title: "Which benches should we repair first?",
    options: ["By the river", "In the square"],
    method: { kind: "approval", min: 1, max: 2 },
  });
  const openPollId = await makePoll({ title: "Plant more trees on Mill Road?", options: ["Yes", "No"] });
  const scheduledPollId = await makePoll({ title: "A poll for next month" }, false);
  await openDuePolls(t.db, ORIGIN);
  const depths = new Map(
    (await t.db.select({ id: polls.id, depth: polls.depth }).from(polls)).map((p) => [p.id, p.depth]),
  );

  const vote = async (who: Identity, pollId: string, ballot: number[], sequence: number) => {
    const depth = depths.get(pollId) as number;
    const proof = await generateProof(
      who,
      group,
      ballotMessage(ballot, sequence),
      pollScope(ORIGIN, pollId),
      depth,
      {
        wasm: artifactPath(depth, "wasm"),
        zkey: artifactPath(depth, "zkey"),
      },
    );
    const r = await castVote(
      t.db,
      { pollId, ballot, sequence, proof },
      { verifyProof: (p) => verifyProof(p as SemaphoreProof) },
    );
    return { pollId, entryIndex: r.entryIndex.toString(), ballot, sequence, nullifier: proof.nullifier };
  };
  const [r0, r1, r2] = residents as [Identity, Identity, Identity];
  const cast: CastRecord[] = [];
  for (const [who, pollId, ballot, sequence] of [
    [r0, closedPollId, [0], 0],
    [r1, closedPollId, [1], 0],
    [r2, closedPollId, [0], 0],
    [r2, closedPollId, [1], 1],
    [r0, approvalPollId, [0, 1], 0],
    [r1, approvalPollId, [1], 0],
    [r0, openPollId, [0], 0],
    [r0, openPollId, [1], 1],
  ] as const) {
    cast.push(await vote(who, pollId, [...ballot], sequence));
  }
  await t.db
    .update(polls)
    .set({ closesAt: sql`now() - interval '1 second'` })
    .where(eq(polls.id, closedPollId));
  await t.db
    .update(polls)
    .set({ closesAt: sql`now() - interval '1 second'` })
    .where(eq(polls.id, approvalPollId));
  await closeDuePolls(t.db);
  const sign = async () => {
    await signCheckpoint(t.db, identity);
  };
  await sign();
  return {
    t,
    identity,
    districtId: district.id,
    residents,
    closedPollId,
    approvalPollId,
    openPollId,
    scheduledPollId,
    cast,
    vote,
    sign,
  };
}
