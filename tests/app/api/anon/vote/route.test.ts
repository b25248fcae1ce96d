import { generateProof, Identity } from "@semaphore-protocol/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/anon/vote/route";
import { ballotMessage, pollScope } from "@/core/ballot";
import { MemoryLeanIMT } from "@/core/census";
import { polls } from "@/server/db/schema";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { createPoll } from "@/server/services/polls/create-poll";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { artifactPath } from "@/server/zk/artifact-path";
import { closeProofVerifier, getProofVerifier } from "@/server/zk/get-proof-verifier";
import { createTestDb, type TestDb } from "../../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../../helpers/fixtures";

// The vote endpoint as Next.js calls it: a Request in, a Response out, on a test database that
// getDb() hands to the route (it is kept on globalThis under this key).
const ORIGIN = "plaza.test";
const DATABASE = Symbol.for("plaza.database");
const residents = Array.from({ length: 10 }, () => new Identity());
let t: TestDb;
let pollId: string;
let depth: number;
let root: string;

function vote(body: unknown): Promise<Response> {
  return POST(
    new Request("http://localhost/api/anon/vote", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

async function answer(res: Response) {
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string }; entryIndex?: string },
  };
}

/** A vote that passes every check before the proof's: right poll, scope, root, depth and message. */
function voteWithPoints(points: string[]) {
  return {
    pollId,
    ballot: [1],
    sequence: 0,
    proof: {
      merkleTreeDepth: depth,
      merkleTreeRoot: root,
      nullifier: "12345",
      message: ballotMessage([1], 0).toString(),
      scope: pollScope(ORIGIN, pollId).toString(),
      points,
    },
  };
}

beforeAll(async () => {
  t = await createTestDb();
  (globalThis as Record<symbol, unknown>)[DATABASE] = Promise.resolve(t);
  const district = await makeDistrict(t.db, "riverside");
  const council = actorOf(await makeUser(t.db, "council@example.org"));
  await addToCouncil(t.db, district.id, council.userId);
  const { codes } = await generateInvitationCodes(t.db, council, { districtId: district.id, count: 10 });
  for (const [i, r] of residents.entries())
    await joinDistrict(t.db, { code: codes[i] as string, commitment: r.commitment.toString() });
  const poll = await createPoll(t.db, council, {
    districtId: district.id,
    poll: {
      title: "Plant trees on the embankment?",
      options: ["Yes", "No"],
      method: { kind: "single" },
      opensAt: new Date(Date.now() + 60_000),
      closesAt: new Date(Date.now() + 3_600_000),
    },
  });
  await t.db.update(polls).set({ opensAt: sql`now() - interval '1 second'` }).where(eq(polls.id, poll.id));
  expect(await openDuePolls(t.db, ORIGIN)).toEqual([poll.id]);
  const [opened] = await t.db.select().from(polls).where(eq(polls.id, poll.id));
  pollId = poll.id;
  depth = opened?.depth as number;
  root = opened?.frozenRoot as string;
}, 120_000);

afterAll(async () => {
  await closeProofVerifier();
  delete (globalThis as Record<symbol, unknown>)[DATABASE];
  await t.close();
});

describe("POST /api/anon/vote", () => {
  it("accepts a real vote, checked by the worker pool, and answers its receipt", async () => {
    const tree = MemoryLeanIMT.fromLeaves(residents.map((r) => r.commitment));
    const proof = await generateProof(
      residents[3] as Identity,
      tree.generateProof(3),
      ballotMessage([0], 0),
      pollScope(ORIGIN, pollId),
      depth,
      { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") },
    );
    const res = await answer(await vote({ pollId, ballot: [0], sequence: 0, proof }));
    expect(res.status).toBe(200);
    expect(res.body.entryIndex).toMatch(/^[0-9]+$/);
  }, 60_000);

  it("answers points that pass the shape check but are no proof with INVALID_PROOF, not a 500", async () => {
    const cases: [string, string[]][] = [
      ["points off the curve", ["1", "1", "1", "1", "1", "1", "1", "1"]],
      ["zeros (points at infinity)", ["0", "0", "0", "0", "0", "0", "0", "0"]],
      ["generators of G1 everywhere", ["1", "2", "1", "2", "1", "2", "1", "2"]],
    ];
    for (const [label, points] of cases) {
      const res = await answer(await vote(voteWithPoints(points)));
      expect({ status: res.status, code: res.body.error?.code }, label).toEqual({
        status: 400,
        code: "INVALID_PROOF",
      });
    }
  });

  it("answers VERIFIER_UNAVAILABLE (503), not a 500, when the verifier fails", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await getProofVerifier().close();
      const res = await answer(await vote(voteWithPoints(["1", "2", "1", "2", "1", "2", "1", "2"])));
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 503,
        code: "VERIFIER_UNAVAILABLE",
      });
    } finally {
      error.mockRestore();
      await closeProofVerifier();
    }
  });

  it("still runs the checks before the proof's first", async () => {
    const body = voteWithPoints(["1", "2", "1", "2", "1", "2", "1", "2"]);
    const res = await answer(await vote({ ...body, proof: { ...body.proof, merkleTreeDepth: 33 } }));
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: "BAD_DEPTH" });
  });
});
