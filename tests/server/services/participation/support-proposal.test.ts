import { Group, generateProof, Identity } from "@semaphore-protocol/core";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decodeEntry } from "@/core/entries";
import { participationScope, supportMessage } from "@/core/participation";
import { ledgerEntries, proposals } from "@/server/db/schema";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { publishCouncilProposal } from "@/server/services/participation/submit-proposal";
import { supportProposal } from "@/server/services/participation/support-proposal";
import { advanceDueProcesses } from "@/server/services/processes/advance-due-processes";
import { createProcess } from "@/server/services/processes/create-process";
import { artifactPath } from "@/server/zk/artifact-path";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";
import { createInProcessProofVerifier } from "../../../helpers/in-process-proof-verifier";

// Supports arriving at once (a real pool of connections on PostgreSQL): each proposal's row lock
// makes exactly one of them the support that meets the threshold, and one resident's proof sent
// many times at once is one support.
const ORIGIN = "plaza.test";
const HOUR = 3_600_000;
const THRESHOLD = 3;
let t: TestDb;
let proposalId: string;
const residents = Array.from({ length: 6 }, () => new Identity());
let deps: { verifyProof: (p: unknown) => Promise<boolean> };

async function supportBy(who: Identity) {
  const group = new Group(residents.map((r) => r.commitment));
  const depth = Math.max(1, group.depth);
  const proof = await generateProof(
    who,
    group,
    supportMessage(proposalId),
    participationScope(ORIGIN, "support", proposalId, 0),
    depth,
    { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") },
  );
  return { proposalId, proof };
}

beforeAll(async () => {
  t = await createTestDb();
  const district = await makeDistrict(t.db, "riverside");
  const council = actorOf(await makeUser(t.db, "council@example.org"));
  await addToCouncil(t.db, district.id, council.userId);
  const { codes } = await generateInvitationCodes(t.db, council, { districtId: district.id, count: 6 });
  for (const [i, r] of residents.entries())
    await joinDistrict(t.db, { code: codes[i] as string, commitment: r.commitment.toString() });
  const start = Date.now() + HOUR;
  const process = await createProcess(t.db, council, {
    districtId: district.id,
    process: {
      title: "Budget",
      description: "",
      boundaries: [0, 1, 2, 3, 4, 5].map((h) => new Date(start + h * HOUR)),
      responseDeadline: new Date(start + 3 * HOUR),
      proposalsPerResident: 1,
      commentsPerResident: 1,
      supportThreshold: THRESHOLD,
      ballot: { kind: "ranked", maxRanks: 1 },
    },
  });
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(start + 60_000));
  await advanceDueProcesses(t.db, ORIGIN);
  const content = { title: "Benches", body: "", category: null, costEstimate: null, location: null };
  proposalId = (await publishCouncilProposal(t.db, council, { processId: process.id, content })).proposalId;
  vi.setSystemTime(new Date(start + HOUR + 60_000));
  await advanceDueProcesses(t.db, ORIGIN);
  const verifier = await createInProcessProofVerifier();
  deps = { verifyProof: async (p) => (await verifier([p as never]))[0] === true };
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

describe("supportProposal, concurrently", () => {
  it("counts one support for one resident's proof sent five times at once", async () => {
    const request = await supportBy(residents[0] as Identity);
    const receipts = await Promise.all(
      Array.from({ length: 5 }, () => supportProposal(t.db, ORIGIN, request, deps)),
    );
    expect(new Set(receipts.map((r) => r.index)).size).toBe(1);
    const [row] = await t.db.select().from(proposals).where(eq(proposals.id, proposalId));
    expect(row?.supportCount).toBe(1);
  }, 60_000);

  it("advances the proposal exactly once, right after the support that met the threshold", async () => {
    const requests = await Promise.all(residents.slice(1).map(supportBy));
    const receipts = await Promise.all(requests.map((r) => supportProposal(t.db, ORIGIN, r, deps)));
    expect(receipts.map((r) => r.supports).sort()).toEqual([2, 3, 4, 5, 6]);
    const entries = await t.db
      .select()
      .from(ledgerEntries)
      .where(inArray(ledgerEntries.type, ["support", "proposal_advanced"]))
      .orderBy(asc(ledgerEntries.idx));
    const types = entries.map((e) => decodeEntry(e.data).type);
    expect(types.filter((x) => x === "proposal_advanced")).toHaveLength(1);
    // The advancement follows the third support entry immediately.
    expect(types.indexOf("proposal_advanced")).toBe(THRESHOLD);
    expect(entries[THRESHOLD]?.idx).toBe((entries[THRESHOLD - 1]?.idx ?? 0n) + 1n);
    const [row] = await t.db.select().from(proposals).where(eq(proposals.id, proposalId));
    expect(row).toMatchObject({ supportCount: 6, advancedEntry: entries[THRESHOLD]?.idx });
  }, 120_000);
});
