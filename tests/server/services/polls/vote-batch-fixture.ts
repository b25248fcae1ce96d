import { Group, generateProof, Identity, type SemaphoreProof } from "@semaphore-protocol/core";
import { eq, sql } from "drizzle-orm";
import { ballotMessage, pollScope } from "@/core/ballot";
import type { Db } from "@/server/db/client";
import { polls } from "@/server/db/schema";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import type { TCastVoteRequest } from "@/server/services/polls/cast-vote";
import { createPoll } from "@/server/services/polls/create-poll";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { artifactPath } from "@/server/zk/artifact-path";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

/**
 * A district with `residents` census members and `pollCount` open single-choice polls (three
 * options), for the vote batching tests; `vote()` makes a real Semaphore proof for one of them.
 */
export interface VoteBatchFixture {
  readonly origin: string;
  readonly districtId: string;
  readonly pollIds: string[];
  readonly residents: Identity[];
  vote(who: number, ballot: number[], sequence: number, pollId?: string): Promise<TCastVoteRequest>;
}

export async function makeVoteBatchFixture(
  db: Db,
  { origin = "plaza.test/batch", residents: count = 10, polls: pollCount = 1 } = {},
): Promise<VoteBatchFixture> {
  const district = await makeDistrict(db, "batchton");
  const council = actorOf(await makeUser(db, "council@batchton.example.org"));
  await addToCouncil(db, district.id, council.userId);
  const residents = Array.from({ length: count }, () => new Identity());
  const { codes } = await generateInvitationCodes(db, council, { districtId: district.id, count });
  for (const [i, r] of residents.entries())
    await joinDistrict(db, { code: codes[i] as string, commitment: r.commitment.toString() });
  const pollIds: string[] = [];
  for (let i = 0; i < pollCount; i++) {
    const poll = await createPoll(db, council, {
      districtId: district.id,
      poll: {
        title: `Batch poll ${i + 1}`,
        options: ["Yes", "No", "Later"],
        method: { kind: "single" },
        opensAt: new Date(Date.now() + 60_000),
        closesAt: new Date(Date.now() + 3_600_000),
        minAnonymitySet: Math.min(count, 10),
      },
    });
    await db.update(polls).set({ opensAt: sql`now() - interval '1 second'` }).where(eq(polls.id, poll.id));
    pollIds.push(poll.id);
  }
  await openDuePolls(db, origin);
  const [first] = await db
    .select()
    .from(polls)
    .where(eq(polls.id, pollIds[0] as string));
  const depth = first?.depth as number;
  const group = new Group(residents.map((m) => m.commitment));
  const artifacts = { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") };
  return {
    origin,
    districtId: district.id,
    pollIds,
    residents,
    async vote(who, ballot, sequence, pollId = pollIds[0] as string) {
      const proof: SemaphoreProof = await generateProof(
        residents[who] as Identity,
        group,
        ballotMessage(ballot, sequence),
        pollScope(origin, pollId),
        depth,
        artifacts,
      );
      return { pollId, ballot, sequence, proof: proof as TCastVoteRequest["proof"] };
    },
  };
}
