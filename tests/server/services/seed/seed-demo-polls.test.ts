import { generateProof, Identity, type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotMessage, tallyVotes } from "@/core/ballot";
import { buildMemberProof } from "@/core/census";
import { decodeEntry } from "@/core/entries";
import { censusInvitationCodes, districts, ledgerEntries, polls } from "@/server/db/schema";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { getProposal, listProposals } from "@/server/services/participation/read-participation";
import { castVote } from "@/server/services/polls/cast-vote";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { ensurePlatformAdmin } from "@/server/services/seed/ensure-platform-admin";
import { type DemoSeed, seedDemo } from "@/server/services/seed/seed-demo";
import { DEMO_POLLS, type DemoPollsSeed } from "@/server/services/seed/seed-demo-polls";
import { DEMO_PROCESS } from "@/server/services/seed/seed-demo-process";
import { artifactPath } from "@/server/zk/artifact-path";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";

const ORIGIN = "plaza.test";
let t: TestDb;
let adminId: string;
let runs: DemoSeed[];
let seeded: DemoPollsSeed;
let demoPolls: NonNullable<DemoPollsSeed["polls"]>;

// One seeded database for every assertion below: the seed makes 13 real proofs.
beforeAll(async () => {
  t = await createTestDb();
  adminId = (await ensurePlatformAdmin(t.db, "admin@plaza.local")).id;
  // Two starts at the same moment on one database.
  runs = await Promise.all([
    seedDemo(t.db, { enabled: true, adminId, origin: ORIGIN }),
    seedDemo(t.db, { enabled: true, adminId, origin: ORIGIN }),
  ]);
  const winner = runs.find((r) => r.polls !== null)?.polls;
  if (!winner?.polls) throw new Error("no run seeded the demo polls");
  seeded = winner;
  demoPolls = winner.polls;
}, 180_000);
afterAll(() => t.close());

async function riversideId(): Promise<string> {
  const [d] = await t.db.select().from(districts).where(eq(districts.slug, "riverside"));
  if (!d) throw new Error("no Riverside");
  return d.id;
}

async function pollById(id: string) {
  const [p] = await t.db.select().from(polls).where(eq(polls.id, id));
  if (!p) throw new Error(`no poll ${id}`);
  return p;
}

async function entryAt(index: bigint | null) {
  if (index === null) throw new Error("no ledger index");
  const [row] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, index));
  if (!row) throw new Error(`no ledger entry ${index}`);
  return decodeEntry(row.data);
}

describe("seedDemoPolls", () => {
  it("seeds once when two starts run it at once, and nothing on a later start", async () => {
    expect(runs.filter((r) => r.city)).toHaveLength(1);
    expect(runs.filter((r) => r.polls)).toHaveLength(1);
    expect(await seedDemo(t.db, { enabled: true, adminId, origin: ORIGIN })).toEqual({
      city: false,
      polls: null,
    });

    const districtId = await riversideId();
    expect(await t.db.select().from(polls)).toHaveLength(3);
    expect((await listMembers(t.db, districtId)).size).toBe(DEMO_POLLS.closed.ballots.length);
    // The demo residents' codes are spent; the printed ones are fresh, and stored only as hashes.
    const codes = await t.db.select().from(censusInvitationCodes);
    expect(codes.filter((c) => c.used)).toHaveLength(DEMO_POLLS.closed.ballots.length);
    expect(codes.filter((c) => !c.used)).toHaveLength(2 * DEMO_POLLS.codesPerDistrict);
    expect(seeded.invitations.map((i) => [i.districtSlug, i.codes.length])).toEqual([
      ["riverside", DEMO_POLLS.codesPerDistrict],
      ["old-town", DEMO_POLLS.codesPerDistrict],
    ]);
  });

  it("closes the playground poll with real votes, one changed, and a tally that the ledger recounts", async () => {
    const poll = await pollById(demoPolls.closedPollId);
    expect(poll.status).toBe("closed");
    expect(demoPolls).toMatchObject({ votesCast: 13, votesReplaced: 1, votesRefused: 0, closed: true });

    const rows = await t.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.type, "vote")))
      .orderBy(asc(ledgerEntries.idx));
    const votes = rows.flatMap((row) => {
      const e = decodeEntry(row.data);
      return e.type === "vote" && e.pollId === poll.id ? [{ index: row.idx, entry: e }] : [];
    });
    expect(votes).toHaveLength(DEMO_POLLS.closed.ballots.length + 1);
    expect(new Set(votes.map((v) => v.entry.proof.nullifier)).size).toBe(DEMO_POLLS.closed.ballots.length);
    expect(votes.filter((v) => v.entry.sequence === 1)).toHaveLength(1);
    for (const { index, entry } of votes) {
      const proof = {
        merkleTreeDepth: entry.proof.depth,
        merkleTreeRoot: entry.proof.root,
        nullifier: entry.proof.nullifier,
        message: entry.proof.message,
        scope: entry.proof.scope,
        points: entry.proof.points,
      } as unknown as SemaphoreProof;
      expect(await verifyProof(proof), `vote entry ${index}`).toBe(true);
      expect(entry.proof.root, `vote entry ${index} root`).toBe(poll.frozenRoot);
    }

    const recount = tallyVotes(
      poll.method,
      poll.options.length,
      votes.map(({ index, entry }) => ({
        index,
        nullifier: entry.proof.nullifier,
        sequence: entry.sequence,
        ballot: entry.ballot,
      })),
    );
    const closedEntry = await entryAt(poll.closedEntry);
    if (closedEntry.type !== "poll_closed") throw new Error("not a poll_closed entry");
    expect(closedEntry.counts).toEqual(recount.counts);
    expect(closedEntry.turnout).toBe(recount.turnout);
    expect(closedEntry.censusSize).toBe(DEMO_POLLS.closed.ballots.length);

    // And it is the plan's outcome: each resident's latest ballot counted once.
    const latest: (readonly number[])[] = DEMO_POLLS.closed.ballots.map((b, i) =>
      i === DEMO_POLLS.closed.change.resident ? DEMO_POLLS.closed.change.ballot : b,
    );
    const expected = poll.options.map((_, option) => latest.filter((b) => b.includes(option)).length);
    expect(recount.counts).toEqual(expected);
    expect(recount.turnout).toBe(DEMO_POLLS.closed.ballots.length);
  });

  it("leaves a poll open for about 30 days with a minimum anonymity set the census meets", async () => {
    const poll = await pollById(demoPolls.openPollId);
    expect(poll.status).toBe("open");
    expect(poll.title).toBe(DEMO_POLLS.open.title);
    const days = (poll.closesAt.getTime() - poll.opensAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);
    expect(poll.censusSize).toBe(DEMO_POLLS.closed.ballots.length);
    expect(poll.minAnonymitySet).toBeLessThanOrEqual(poll.censusSize ?? 0);
  });

  it("lets a newcomer join with a printed code and vote in the poll their joining opens", async () => {
    const riverside = seeded.invitations.find((i) => i.districtSlug === "riverside");
    const code = riverside?.codes[0];
    if (!code) throw new Error("no printed Riverside code");
    const newcomer = new Identity();
    const joined = await joinDistrict(t.db, { code, commitment: newcomer.commitment.toString() });
    expect(await pollById(demoPolls.waitingPollId)).toMatchObject({ status: "scheduled" });

    expect(await openDuePolls(t.db, ORIGIN)).toEqual([demoPolls.waitingPollId]);
    const poll = await pollById(demoPolls.waitingPollId);
    expect(poll).toMatchObject({ status: "open", censusSize: joined.size, frozenRoot: joined.root });

    // As the browser does: the member list as frozen at the opening, the path built locally.
    const frozen = await listMembers(t.db, joined.districtId, { ledgerSize: poll.openedEntry ?? 0n });
    const path = buildMemberProof(frozen.members.map(BigInt), newcomer.commitment);
    if (!path || !poll.scope || !poll.depth) throw new Error("the newcomer is not in the frozen census");
    const ballot = [0];
    const proof = await generateProof(
      newcomer,
      path,
      ballotMessage(ballot, 0),
      BigInt(poll.scope),
      poll.depth,
      {
        wasm: artifactPath(poll.depth, "wasm"),
        zkey: artifactPath(poll.depth, "zkey"),
      },
    );
    const receipt = await castVote(
      t.db,
      {
        pollId: poll.id,
        ballot,
        sequence: 0,
        proof: {
          ...proof,
          merkleTreeRoot: proof.merkleTreeRoot.toString(),
          nullifier: proof.nullifier.toString(),
          message: proof.message.toString(),
          scope: proof.scope.toString(),
          points: proof.points.map(String),
        },
      },
      { verifyProof: (p) => verifyProof(p as unknown as SemaphoreProof) },
    );
    expect(receipt).toMatchObject({ replaced: false, duplicate: false });

    // The poll that was already open froze its census before the newcomer joined.
    const open = await pollById(demoPolls.openPollId);
    const openCensus = await listMembers(t.db, joined.districtId, { ledgerSize: open.openedEntry ?? 0n });
    expect(buildMemberProof(openCensus.members.map(BigInt), newcomer.commitment)).toBeNull();
  });

  it("starts Riverside's participatory budget in its proposal phase, with anonymous and council proposals and a comment thread", async () => {
    const { proposals, overdueEntry } = await listProposals(t.db, demoPolls.processId, { audit: true });
    expect(overdueEntry).toBeNull();
    expect(proposals.map((p) => [p.title, p.author.kind, p.costEstimate])).toEqual([
      ...DEMO_PROCESS.proposals.map((p) => [p.title, "anonymous", p.costEstimate]),
      [DEMO_PROCESS.councilProposal.title, "council", DEMO_PROCESS.councilProposal.costEstimate],
    ]);
    const first = await getProposal(t.db, proposals[0]?.id as string, { audit: true });
    expect(first.process.phase).toBe("proposals");
    expect(first.comments).toMatchObject([
      { body: DEMO_PROCESS.comment, author: { kind: "anonymous" }, replies: [{ body: DEMO_PROCESS.reply }] },
    ]);
  });

  it("seeds nothing when the demo is switched off (PLAZA_SEED_DEMO=false)", async () => {
    const off = await createTestDb();
    try {
      const admin = await ensurePlatformAdmin(off.db, "admin@plaza.local");
      expect(await seedDemo(off.db, { enabled: false, adminId: admin.id, origin: ORIGIN })).toEqual({
        city: false,
        polls: null,
      });
      expect(await off.db.select().from(districts)).toEqual([]);
      expect(await off.db.select().from(polls)).toEqual([]);
      expect(await off.db.select().from(censusInvitationCodes)).toEqual([]);
      expect(await off.db.select().from(ledgerEntries)).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
