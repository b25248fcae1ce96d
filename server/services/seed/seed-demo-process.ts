import { generateProof, type Identity, type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { buildMemberProof, leanIMTDepth } from "@/core/census";
import {
  commentMessage,
  participationScope,
  proposalMessage,
  type TProposalContent,
} from "@/core/participation";
import type { Db } from "../../db/client";
import { artifactPath } from "../../zk/artifact-path";
import type { Actor } from "../auth/actor";
import { listMembers } from "../census/list-members";
import { postAnonymousComment, postCouncilComment } from "../participation/post-comment";
import { publishCouncilProposal, submitAnonymousProposal } from "../participation/submit-proposal";
import { advanceDueProcesses } from "../processes/advance-due-processes";
import { createProcess } from "../processes/create-process";
import { wireProof } from "./wire-proof";

const DAY_MS = 86_400_000;

/** Riverside's demo process: a participatory budget collecting proposals for two weeks. */
export const DEMO_PROCESS = {
  title: "Riverside participatory budget 2027",
  description:
    "Residents propose projects for the riverside, support the ones they want on the ballot, and choose which get funded from **150,000**.",
  /** Phase boundaries in days from the seed: proposals, support, ballot, results, follow-up. */
  days: [0, 14, 28, 35, 60, 365],
  responseDeadlineDay: 50,
  proposals: [
    {
      title: "Shade trees along the river walk",
      body: "Plant 40 native trees between the footbridge and the boathouse, so the walk is usable in summer afternoons.",
      category: "Green spaces",
      costEstimate: 48_000,
      location: "River walk, footbridge to boathouse",
    },
    {
      title: "Covered bicycle parking at the market square",
      body: "Thirty covered stands next to the market hall, lit at night.",
      category: "Mobility",
      costEstimate: 22_000,
      location: "Market square",
    },
  ] satisfies TProposalContent[],
  councilProposal: {
    title: "Repair the boathouse jetty",
    body: "The council proposes to repair the public jetty, closed since the spring floods.",
    category: "Public works",
    costEstimate: 65_000,
    location: "Boathouse",
  } satisfies TProposalContent,
  comment: "Yes please, and benches under them.",
  reply: "Thank you: benches would fit within the estimate; we will add them to the plan if it passes.",
} as const;

/**
 * Riverside's demo process, made on the first start right after the demo votes with the demo
 * residents' identities (still in memory, then dropped): a participatory budget in its proposal
 * phase, two anonymous proposals with real proofs, one by the council, and an anonymous comment
 * with the council's reply. Everything goes through the real services and scheduler, so the
 * ledger holds what real use writes. A newcomer who joins with a printed code can propose,
 * comment and, later, support and vote.
 */
export async function seedDemoProcess(
  db: Db,
  options: {
    origin: string;
    districtId: string;
    council: NonNullable<Actor>;
    residents: readonly Identity[];
  },
): Promise<{ processId: string; proposals: number }> {
  const { origin, districtId, council } = options;
  const now = Date.now();
  const process = await createProcess(db, council, {
    districtId,
    process: {
      title: DEMO_PROCESS.title,
      description: DEMO_PROCESS.description,
      boundaries: DEMO_PROCESS.days.map((d) => new Date(now + d * DAY_MS)),
      responseDeadline: new Date(now + DEMO_PROCESS.responseDeadlineDay * DAY_MS),
      proposalsPerResident: 2,
      commentsPerResident: 5,
      supportThreshold: 3,
      ballot: { kind: "budget", budget: 150_000 },
    },
  });
  // The scheduler enters the proposal phase (its start is now); later phases come by themselves.
  await advanceDueProcesses(db, origin);

  const census = await listMembers(db, districtId);
  const leaves = census.members.map(BigInt);
  const depth = Math.max(1, leanIMTDepth(census.size));
  const artifacts = { wasm: artifactPath(depth, "wasm"), zkey: artifactPath(depth, "zkey") };
  const prove = (who: Identity, message: bigint, scope: bigint) => {
    const path = buildMemberProof(leaves, who.commitment);
    if (!path) throw new Error("a demo resident is not in Riverside's census");
    return generateProof(who, path, message, scope, depth, artifacts);
  };
  const deps = { verifyProof: (p: unknown) => verifyProof(p as SemaphoreProof) };
  try {
    return await fileDemoActs(db, { ...options, processId: process.id }, prove, deps);
  } finally {
    // snarkjs keeps the BN254 curve it built (a WASM instance and a worker thread per core) on
    // globalThis; this start has no more proofs to make, so free them (the next use builds anew).
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  }
}

async function fileDemoActs(
  db: Db,
  options: { origin: string; processId: string; council: NonNullable<Actor>; residents: readonly Identity[] },
  prove: (who: Identity, message: bigint, scope: bigint) => Promise<SemaphoreProof>,
  deps: { verifyProof: (p: unknown) => Promise<boolean> },
): Promise<{ processId: string; proposals: number }> {
  const { origin, council, residents, processId } = options;

  const filed: string[] = [];
  for (const [i, content] of DEMO_PROCESS.proposals.entries()) {
    const who = residents[i] as Identity;
    const proof = await prove(
      who,
      proposalMessage(content),
      participationScope(origin, "propose", processId, 0),
    );
    const receipt = await submitAnonymousProposal(
      db,
      origin,
      { processId, slot: 0, content, proof: wireProof(proof) },
      deps,
    );
    filed.push(receipt.proposalId);
  }
  await publishCouncilProposal(db, council, { processId, content: DEMO_PROCESS.councilProposal });

  const proposalId = filed[0] as string;
  const comment = { proposalId, parentId: null, body: DEMO_PROCESS.comment };
  const proof = await prove(
    residents[2] as Identity,
    commentMessage(comment),
    participationScope(origin, "comment", proposalId, 0),
  );
  const posted = await postAnonymousComment(
    db,
    origin,
    { ...comment, slot: 0, proof: wireProof(proof) },
    deps,
  );
  await postCouncilComment(db, council, { proposalId, parentId: posted.commentId, body: DEMO_PROCESS.reply });
  return { processId, proposals: filed.length + 1 };
}
