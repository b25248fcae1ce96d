import { Group, generateProof, Identity } from "@semaphore-protocol/core";
import { asc, eq, gte } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { pollScope } from "@/core/ballot";
import { decodeEntry, type TLedgerEntry } from "@/core/entries";
import {
  commentMessage,
  participationScope,
  proposalMessage,
  supportMessage,
  type TProposalContent,
} from "@/core/participation";
import { formatVerifyReport, type LedgerSource, verifyLedger } from "@/core/verify";
import { ledgerEntries, polls, processes } from "@/server/db/schema";
import { appendEntries } from "@/server/ledger/append-entries";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import type { Actor } from "@/server/services/auth/actor";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { removeMember } from "@/server/services/census/remove-member";
import { districtCreatedEntry } from "@/server/services/districts/create-district";
import { getLatestCheckpoint } from "@/server/services/ledger/get-latest-checkpoint";
import { readTile } from "@/server/services/ledger/read-tile";
import { getDistrictOpenData } from "@/server/services/open-data/get-district-open-data";
import { moderateContent } from "@/server/services/participation/moderate-content";
import { postAnonymousComment, postCouncilComment } from "@/server/services/participation/post-comment";
import { getProposal, listProposals } from "@/server/services/participation/read-participation";
import { respondToProposal } from "@/server/services/participation/respond-to-proposal";
import {
  publishCouncilProposal,
  submitAnonymousProposal,
} from "@/server/services/participation/submit-proposal";
import { supportProposal } from "@/server/services/participation/support-proposal";
import { castVote } from "@/server/services/polls/cast-vote";
import { advanceDueProcesses } from "@/server/services/processes/advance-due-processes";
import { createProcess } from "@/server/services/processes/create-process";
import { artifactPath } from "@/server/zk/artifact-path";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";
import { createInProcessProofVerifier } from "../../../helpers/in-process-proof-verifier";
import { testLogIdentity } from "../../../helpers/test-log-identity";

const ORIGIN = "plaza.test/ledger";
const HOUR = 3_600_000;
let t: TestDb;
let council: NonNullable<Actor>;
let stranger: NonNullable<Actor>;
let districtId: string;
let processId: string;
let start: number;
let depth: number;
const residents = Array.from({ length: 4 }, () => new Identity());
const [alice, bob, carol] = residents as [Identity, Identity, Identity, Identity];
const latecomer = new Identity();
let latecomerCode: string;
let deps: { verifyProof: (p: unknown) => Promise<boolean> };

/** Moves the clock (Date only) to `hours` after the process's first phase starts, plus a minute. */
function at(hours: number): Date {
  const now = new Date(start + hours * HOUR + 60_000);
  vi.setSystemTime(now);
  return now;
}

async function prove(who: Identity, message: bigint, scope: bigint, members = residents) {
  return proveWith(who, new Group(members.map((m) => m.commitment)), message, scope);
}

/** A proof at the group's own depth (a census that grew past the start needs a deeper one). */
async function proveWith(who: Identity, group: Group, message: bigint, scope: bigint) {
  const d = Math.max(1, group.depth);
  const artifacts = { wasm: artifactPath(d, "wasm"), zkey: artifactPath(d, "zkey") };
  return generateProof(who, group, message, scope, d, artifacts);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "OK",
    (e: { code?: string }) => e.code ?? String(e),
  );
}

async function entryAt(index: string | bigint): Promise<TLedgerEntry> {
  const [row] = await t.db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.idx, BigInt(index)));
  return decodeEntry(row?.data as Uint8Array);
}

const content = (title: string, costEstimate: number | null = 60): TProposalContent => ({
  title,
  body: "A **bench** by the river.",
  category: "parks",
  costEstimate,
  location: "Riverside walk",
});

async function propose(who: Identity, c: TProposalContent, slot = 0, proofSlot = slot) {
  const proof = await prove(
    who,
    proposalMessage(c),
    participationScope(ORIGIN, "propose", processId, proofSlot),
  );
  return { request: { processId, slot, content: c, proof }, proof };
}

async function support(who: Identity, proposalId: string) {
  const proof = await prove(
    who,
    supportMessage(proposalId),
    participationScope(ORIGIN, "support", proposalId, 0),
  );
  return { proposalId, proof };
}

beforeAll(async () => {
  t = await createTestDb();
  const district = await makeDistrict(t.db, "riverside");
  districtId = district.id;
  // As createDistrict does (makeDistrict inserts only the row): the ledger must be complete.
  await t.db.transaction((tx) => appendEntries(tx, [districtCreatedEntry(district)]));
  council = actorOf(await makeUser(t.db, "council@example.org", { name: "Ana Morales" }));
  stranger = actorOf(await makeUser(t.db, "stranger@example.org"));
  await addToCouncil(t.db, districtId, council.userId);
  const { codes } = await generateInvitationCodes(t.db, council, { districtId, count: 5 });
  for (const [i, r] of residents.entries())
    await joinDistrict(t.db, { code: codes[i] as string, commitment: r.commitment.toString() });
  start = Date.now() + HOUR;
  const boundaries = [0, 1, 2, 3, 4, 5].map((h) => new Date(start + h * HOUR));
  const created = await createProcess(t.db, council, {
    districtId,
    process: {
      title: "Riverside budget 2027",
      description: "Spend 100 on what residents choose.",
      boundaries,
      responseDeadline: new Date(start + 3.5 * HOUR),
      proposalsPerResident: 1,
      commentsPerResident: 1,
      supportThreshold: 2,
      ballot: { kind: "budget", budget: 100 },
    },
  });
  processId = created.id;
  depth = created.censusDepth as number;
  // The latecomer joins after the start, and takes part all the same (a later root is valid).
  await joinDistrict(t.db, { code: codes[4] as string, commitment: latecomer.commitment.toString() });
  latecomerCode = codes[4] as string;
  const verifier = await createInProcessProofVerifier();
  deps = { verifyProof: async (p) => (await verifier([p as never]))[0] === true };
  vi.useFakeTimers({ toFake: ["Date"] });
}, 120_000);
afterEach(() => undefined);
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

describe("participation in a process", () => {
  let aliceProposal: string;
  let carolProposal: string;
  let councilProposal: string;
  let aliceComment: string;

  it("freezes the census in process_started", async () => {
    const [row] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "process_started"));
    const started = decodeEntry(row?.data as Uint8Array);
    expect(started).toMatchObject({ type: "process_started", census: { size: 4, depth } });
  });

  it("refuses a proposal before the proposal phase is recorded", async () => {
    const { request } = await propose(alice, content("Benches"));
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, request, deps))).toBe("OUTSIDE_PHASE");
    at(0);
    // The clock says proposals, but the scheduler has not recorded the phase yet.
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, request, deps))).toBe("OUTSIDE_PHASE");
  });

  it("enters the proposal phase with a process_phase entry", async () => {
    expect(await advanceDueProcesses(t.db, ORIGIN)).toEqual([processId]);
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "process_phase"));
    expect(entries.map((e) => decodeEntry(e.data))).toMatchObject([{ processId, phase: "proposals" }]);
    // Nothing more is due: a second tick writes nothing, and the row waits for the support phase.
    expect(await advanceDueProcesses(t.db, ORIGIN)).toEqual([]);
    const [row] = await t.db.select().from(processes).where(eq(processes.id, processId));
    expect(row?.nextDueAt?.getTime()).toBe(start + HOUR);
  });

  it("accepts an anonymous proposal whose proof commits to its content, and answers a resubmission with the same receipt", async () => {
    const { request } = await propose(alice, content("Benches"));
    const receipt = await submitAnonymousProposal(t.db, ORIGIN, request, deps);
    aliceProposal = receipt.proposalId;
    expect(await entryAt(receipt.index)).toMatchObject({
      type: "proposal",
      proposalId: aliceProposal,
      processId,
      title: "Benches",
      author: { kind: "anonymous", slot: 0 },
    });
    expect(await submitAnonymousProposal(t.db, ORIGIN, request, deps)).toEqual(receipt);
  }, 30_000);

  it("refuses a proposal over the per-resident limit: the same slot again, or a slot beyond it", async () => {
    const again = await propose(alice, content("Lights"));
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, again.request, deps))).toBe("ALREADY_ACTED");
    const beyond = await propose(alice, content("Lights"), 1, 0);
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, beyond.request, deps))).toBe(
      "SLOT_OUT_OF_RANGE",
    );
  }, 30_000);

  it("refuses swapped content, a budget proposal without a cost, and a census root from before the start", async () => {
    const { request } = await propose(carol, content("Trees"));
    const swapped = { ...request, content: content("Parking") };
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, swapped, deps))).toBe("MESSAGE_MISMATCH");
    const noCost = await propose(carol, content("Trees", null));
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, noCost.request, deps))).toBe(
      "INVALID_PROPOSAL",
    );
    // The census of the first three residents: a real root of the district, but older than the process.
    const before = await prove(
      carol,
      proposalMessage(content("Trees")),
      participationScope(ORIGIN, "propose", processId, 0),
      residents.slice(0, 3),
    );
    expect(await codeOf(submitAnonymousProposal(t.db, ORIGIN, { ...request, proof: before }, deps))).toBe(
      "WRONG_ROOT",
    );
    expect(
      await codeOf(
        submitAnonymousProposal(
          t.db,
          ORIGIN,
          { ...request, proof: { ...request.proof, nullifier: "1e3" } },
          deps,
        ),
      ),
    ).toBe("BAD_INPUT");
    carolProposal = (await submitAnonymousProposal(t.db, ORIGIN, request, deps)).proposalId;
  }, 60_000);

  it("lets only the district's council publish attributed proposals", async () => {
    const input = { processId, content: content("Council: a playground", 50) };
    for (const actor of [null, stranger])
      expect(await codeOf(publishCouncilProposal(t.db, actor, input))).toBe("FORBIDDEN");
    const receipt = await publishCouncilProposal(t.db, council, input);
    councilProposal = receipt.proposalId;
    expect(await entryAt(receipt.index)).toMatchObject({
      author: { kind: "council", userId: council.userId, name: "Ana Morales" },
    });
  });

  it("refuses a support before the support phase", async () => {
    const request = await support(alice, aliceProposal);
    expect(await codeOf(supportProposal(t.db, ORIGIN, request, deps))).toBe("OUTSIDE_PHASE");
  }, 30_000);

  it("comments anonymously within the per-resident limit, and lets the council reply one level deep", async () => {
    const c = { proposalId: aliceProposal, parentId: null, body: "Near the playground, please." };
    const proof = await prove(
      bob,
      commentMessage(c),
      participationScope(ORIGIN, "comment", aliceProposal, 0),
    );
    const receipt = await postAnonymousComment(t.db, ORIGIN, { ...c, slot: 0, proof }, deps);
    aliceComment = receipt.commentId;
    const second = { ...c, body: "And shaded." };
    const again = await prove(
      bob,
      commentMessage(second),
      participationScope(ORIGIN, "comment", aliceProposal, 0),
    );
    expect(await codeOf(postAnonymousComment(t.db, ORIGIN, { ...second, slot: 0, proof: again }, deps))).toBe(
      "ALREADY_ACTED",
    );
    expect(await codeOf(postAnonymousComment(t.db, ORIGIN, { ...second, slot: 1, proof: again }, deps))).toBe(
      "SLOT_OUT_OF_RANGE",
    );
    const reply = await postCouncilComment(t.db, council, {
      proposalId: aliceProposal,
      parentId: aliceComment,
      body: "We will look at shade.",
    });
    expect(
      await codeOf(
        postCouncilComment(t.db, council, {
          proposalId: aliceProposal,
          parentId: reply.commentId,
          body: "Deeper",
        }),
      ),
    ).toBe("INVALID_PARENT");
    expect(
      await codeOf(
        postCouncilComment(t.db, stranger, { proposalId: aliceProposal, parentId: null, body: "Hi" }),
      ),
    ).toBe("FORBIDDEN");
    const { comments } = await getProposal(t.db, aliceProposal, { audit: true });
    expect(comments).toMatchObject([
      {
        id: aliceComment,
        author: { kind: "anonymous" },
        replies: [{ author: { kind: "council", name: "Ana Morales" } }],
      },
    ]);
  }, 60_000);

  it("refuses moderation by anyone but the district's council, and records a hide with its reason", async () => {
    const input = {
      target: { kind: "proposal" as const, id: councilProposal },
      action: "hide" as const,
      reason: "Duplicate",
    };
    for (const actor of [null, stranger])
      expect(await codeOf(moderateContent(t.db, actor, input))).toBe("FORBIDDEN");
    const { index } = await moderateContent(t.db, council, input);
    expect(await entryAt(index)).toMatchObject({ type: "moderation", action: "hide", reason: "Duplicate" });
    expect(await codeOf(moderateContent(t.db, council, input))).toBe("INVALID_MODERATION");
    const hidden = (await listProposals(t.db, processId, { audit: false })).proposals.find(
      (p) => p.id === councilProposal,
    );
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "Duplicate", title: null, body: null });
    const audited = (await listProposals(t.db, processId, { audit: true })).proposals.find(
      (p) => p.id === councilProposal,
    );
    expect(audited?.title).toBe("Council: a playground");
  });

  it("advances a proposal at the support threshold in the same append as the support that met it", async () => {
    at(1);
    await advanceDueProcesses(t.db, ORIGIN);
    const first = await supportProposal(t.db, ORIGIN, await support(alice, aliceProposal), deps);
    expect(first).toMatchObject({ supports: 1, advancedIndex: null });
    const second = await supportProposal(t.db, ORIGIN, await support(bob, aliceProposal), deps);
    expect(second.supports).toBe(2);
    expect(second.advancedIndex).toBe((BigInt(second.index) + 1n).toString());
    expect(await entryAt(second.advancedIndex as string)).toEqual({
      v: 1,
      type: "proposal_advanced",
      proposalId: aliceProposal,
      processId,
      supports: 2,
    });
    const third = await supportProposal(t.db, ORIGIN, await support(carol, aliceProposal), deps);
    expect(third).toMatchObject({ supports: 3, advancedIndex: second.advancedIndex });
  }, 60_000);

  it("refuses a second support by the same resident, and supports for a hidden proposal", async () => {
    expect(await codeOf(supportProposal(t.db, ORIGIN, await support(alice, aliceProposal), deps))).toBe(
      "ALREADY_ACTED",
    );
    expect(await codeOf(supportProposal(t.db, ORIGIN, await support(alice, councilProposal), deps))).toBe(
      "TARGET_HIDDEN",
    );
    await supportProposal(t.db, ORIGIN, await support(alice, carolProposal), deps);
    await supportProposal(t.db, ORIGIN, await support(carol, carolProposal), deps);
  }, 60_000);

  it("opens the ballot from the advanced proposals in the order they advanced, and refuses supports after the support phase", async () => {
    const late = await support(bob, carolProposal);
    at(2);
    expect(await codeOf(supportProposal(t.db, ORIGIN, late, deps))).toBe("OUTSIDE_PHASE");
    await advanceDueProcesses(t.db, ORIGIN);
    const [poll] = await t.db.select().from(polls).where(eq(polls.processId, processId));
    expect(poll).toMatchObject({
      status: "open",
      options: ["Benches", "Trees"],
      method: { kind: "budget", budget: 100, costs: [60, 60] },
      proposalIds: [aliceProposal, carolProposal],
    });
    expect(await entryAt(poll?.openedEntry as bigint)).toMatchObject({
      type: "poll_opened",
      process: { processId, proposalIds: [aliceProposal, carolProposal] },
    });
    // A budget ballot over the budget is refused before its proof is even checked.
    const proof = {
      merkleTreeDepth: poll?.depth as number,
      merkleTreeRoot: poll?.frozenRoot as string,
      nullifier: "1",
      message: "1",
      scope: pollScope(ORIGIN, poll?.id as string).toString(),
      points: Array(8).fill("1"),
    };
    expect(await codeOf(castVote(t.db, { pollId: poll?.id, ballot: [0, 1], sequence: 0, proof }, deps))).toBe(
      "INVALID_BALLOT",
    );
  }, 30_000);

  it("refuses a rejection without reasons and council responses from anyone else", async () => {
    expect(
      await codeOf(
        respondToProposal(t.db, council, { proposalId: aliceProposal, status: "rejected", body: " " }),
      ),
    ).toBe("INVALID_RESPONSE");
    expect(
      await codeOf(
        respondToProposal(t.db, stranger, { proposalId: aliceProposal, status: "accepted", body: "" }),
      ),
    ).toBe("FORBIDDEN");
    await respondToProposal(t.db, council, { proposalId: aliceProposal, status: "accepted", body: "Yes." });
    expect(
      await codeOf(
        respondToProposal(t.db, council, { proposalId: aliceProposal, status: "accepted", body: "Again" }),
      ),
    ).toBe("INVALID_RESPONSE");
    await respondToProposal(t.db, council, {
      proposalId: aliceProposal,
      status: "in_progress",
      body: "Ordered.",
    });
  });

  it("records the proposals that reached the ballot without an answer once the response deadline passes", async () => {
    at(3.6);
    const before = await listProposals(t.db, processId, { audit: true });
    expect(before.proposals.find((p) => p.id === carolProposal)).toMatchObject({
      overdue: true,
      status: null,
    });
    expect(before.proposals.find((p) => p.id === aliceProposal)).toMatchObject({
      overdue: false,
      status: "in_progress",
    });
    await advanceDueProcesses(t.db, ORIGIN);
    const overdue = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.type, "response_overdue"))
      .orderBy(asc(ledgerEntries.idx));
    expect(overdue.map((e) => decodeEntry(e.data))).toMatchObject([
      { processId, proposalIds: [carolProposal] },
    ]);
    const phases = await t.db.select().from(ledgerEntries).where(gte(ledgerEntries.idx, 0n));
    expect(
      phases
        .map((e) => decodeEntry(e.data))
        .filter((e) => e.type === "process_phase")
        .map((e) => (e as { phase: string }).phase),
    ).toEqual(["proposals", "support", "ballot", "results"]);
    expect(await advanceDueProcesses(t.db, ORIGIN)).toEqual([]);
    // Results entered and the deadline handled: next, the follow-up phase.
    const [row] = await t.db.select().from(processes).where(eq(processes.id, processId));
    expect(row?.nextDueAt?.getTime()).toBe(start + 4 * HOUR);
  });

  it("lets a resident who joined after the start take part, and refuses every older root once a member is removed", async () => {
    const everyone = [...residents, latecomer];
    const comment = async (who: Identity, proposalId: string, members: Identity[]) => {
      const c = { proposalId, parentId: null, body: "Count me in." };
      const proof = await prove(
        who,
        commentMessage(c),
        participationScope(ORIGIN, "comment", proposalId, 0),
        members,
      );
      return postAnonymousComment(t.db, ORIGIN, { ...c, slot: 0, proof }, deps);
    };
    await comment(latecomer, carolProposal, everyone);
    await removeMember(t.db, council, { districtId, code: latecomerCode, reason: "Moved away" });
    expect(await codeOf(comment(carol, aliceProposal, everyone))).toBe("WRONG_ROOT");
    // The census after the removal: the latecomer's leaf is 0.
    const after = new Group(everyone.map((m) => m.commitment));
    after.removeMember(4);
    const c = { proposalId: aliceProposal, parentId: null, body: "Count me in." };
    const proof = await proveWith(
      carol,
      after,
      commentMessage(c),
      participationScope(ORIGIN, "comment", aliceProposal, 0),
    );
    await postAnonymousComment(t.db, ORIGIN, { ...c, slot: 0, proof }, deps);
  }, 60_000);

  it("writes a ledger the observer's verifier replays without a finding", async () => {
    vi.useRealTimers();
    const identity = testLogIdentity(ORIGIN);
    await signCheckpoint(t.db, identity);
    const source: LedgerSource = {
      checkpoint: async () => (await getLatestCheckpoint(t.db))?.note ?? "",
      tile: async (path) => (await readTile(t.db, path)).body,
    };
    const report = await verifyLedger({
      source,
      verifierKey: identity.verifierKey,
      verifyProofs: await createInProcessProofVerifier(),
    });
    expect(report.findings).toEqual([]);
    expect(report.entries.byType).toMatchObject({
      proposal: 3,
      support: 5,
      proposal_advanced: 2,
      comment: 4,
      response: 2,
      response_overdue: 1,
      moderation: 1,
      process_phase: 4,
    });
    // Two anonymous proposals, five supports, three anonymous comments.
    expect(report.proofs.checked).toBe(10);
    // The process as the observer replays it: phase, supports counted from valid proofs, advancements,
    // the council's responses, the hidden proposal, the ballot and the overdue record.
    expect(report.processes).toMatchObject([
      {
        processId,
        phase: "results",
        supportThreshold: 2,
        ballotPollId: expect.any(String),
        overdueIndex: expect.stringMatching(/^\d+$/),
        proposals: [
          {
            title: "Benches",
            supports: 3,
            advancedIndex: expect.any(String),
            responses: ["accepted", "in_progress"],
          },
          { title: "Trees", supports: 2, advancedIndex: expect.any(String), responses: [] },
          { title: "Council: a playground", supports: 0, advancedIndex: null, hidden: true },
        ],
      },
    ]);
    expect(formatVerifyReport(report)).toContain("Benches (entry ");
  }, 60_000);
});

describe("open data", () => {
  it("lists each process with its frozen census, phase, ballot and proposals, withholding hidden content unless audit is on", async () => {
    const open = await getDistrictOpenData(t.db, "riverside", { audit: false });
    const [process] = open.processes;
    expect(process).toMatchObject({ id: processId, phase: "results", census: { size: 4 } });
    expect(process?.ballotPollId).toEqual(expect.any(String));
    expect(
      process?.proposals.map((p) => [p.title, p.supportCount, p.advancedEntry !== null, p.hidden]),
    ).toEqual([
      ["Benches", 3, true, false],
      ["Trees", 2, true, false],
      [null, 0, false, true],
    ]);
    const audited = await getDistrictOpenData(t.db, "riverside", { audit: true });
    expect(audited.processes[0]?.proposals[2]).toMatchObject({
      title: "Council: a playground",
      hiddenReason: "Duplicate",
    });
  });
});

describe("a ranked ballot", () => {
  it("refuses a ranking that repeats an option or ranks more than maxRanks", async () => {
    const [poll] = await t.db
      .insert(polls)
      .values({
        districtId,
        title: "Ranked",
        options: ["A", "B", "C"],
        method: { kind: "ranked", maxRanks: 2 },
        opensAt: new Date(Date.now() - HOUR),
        closesAt: new Date(Date.now() + 100 * HOUR),
        status: "open",
        scope: "7",
        frozenRoot: "5",
        depth: 2,
        censusSize: 4,
      })
      .returning();
    const proof = {
      merkleTreeDepth: 2,
      merkleTreeRoot: "5",
      nullifier: "1",
      message: "1",
      scope: "7",
      points: Array(8).fill("1"),
    };
    for (const ballot of [[1, 1], [0, 1, 2], []])
      expect(
        await codeOf(castVote(t.db, { pollId: poll?.id, ballot, sequence: 0, proof }, deps)),
        `[${ballot}]`,
      ).toBe("INVALID_BALLOT");
  });
});
