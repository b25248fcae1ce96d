import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import { participationScope, proposalMessage, proposalProblem } from "@/core/participation";
import type { Db, Tx } from "../../db/client";
import { proposals } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { parseInput } from "../parse-input";
import {
  checkActProof,
  claimNullifier,
  entryHash,
  entryProof,
  recordNullifier,
  requireValidRoot,
  type TAnonymousActDeps,
  ZActProof,
} from "./anonymous-act";
import { councilAuthor } from "./council-author";
import { lockProcessShared, readProcess, requirePhase, type TProcessRow } from "./process-state";

/** What a proposal says, as the browser sends it (the same members its ledger entry records). */
// Not trimmed: an anonymous proposal's proof hashes the content exactly as sent.
const ZLine = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.trim().length > 0, "must not be blank");
export const ZProposalContent = z.strictObject({
  title: ZLine,
  body: z.string().max(20_000),
  category: ZLine.nullable(),
  costEstimate: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  location: ZLine.nullable(),
});

export const ZAnonymousProposalRequest = z.strictObject({
  processId: z.uuid(),
  slot: z.number().int().min(0).max(1_000),
  content: ZProposalContent,
  proof: ZActProof,
});

export const ZCouncilProposalInput = z.strictObject({ processId: z.uuid(), content: ZProposalContent });

export interface TProposalReceipt {
  proposalId: string;
  index: string;
}

function contentProblem(process: TProcessRow, content: z.infer<typeof ZProposalContent>): void {
  const problem = proposalProblem(process.rules, content);
  if (problem) throw new AppError("INVALID_PROPOSAL", `The proposal does not fit this process: ${problem}.`);
}

/**
 * A resident files a proposal anonymously. The proof's scope is (process, "propose", slot) with
 * slot below the process's proposalsPerResident, so each resident files at most that many; its
 * message is the hash of the content, so the content cannot be swapped. Checks in order: shape,
 * process exists and is in its proposal phase (recorded and by the clock), slot, content rules,
 * scope, frozen root, depth, message, the proof, then the nullifier (once per slot).
 */
export async function submitAnonymousProposal(
  db: Db,
  origin: string,
  input: unknown,
  deps: TAnonymousActDeps,
): Promise<TProposalReceipt> {
  const request = parseInput(ZAnonymousProposalRequest, input, "proposal");
  const { processId, slot, content, proof } = request;
  // Read without a lock for the checks and the proof (slow), then again under the lock.
  const process = await readProcess(db, processId);
  checkProposalRules(process, slot, content);
  const scope = participationScope(origin, "propose", processId, slot);
  await checkActProof(db, process, proof, { scope, message: proposalMessage(content) }, deps);

  const proposalId = randomUUID();
  return db.transaction(async (tx) => {
    const locked = await lockProcessShared(tx, processId);
    requirePhase(locked, "proposals");
    await requireValidRoot(tx, locked, proof.merkleTreeRoot, true);
    // The id is the server's; an exact resubmission carries the same proof, so it is recognised
    // by the content and proof alone (the entry's other bytes), not by the fresh id.
    const bytesFor = (id: string) =>
      encodeEntry({
        v: 1,
        type: "proposal",
        proposalId: id,
        processId,
        ...content,
        author: { kind: "anonymous", slot, proof: entryProof(proof) },
      });
    const hash = entryHash(bytesFor("00000000-0000-4000-8000-000000000000"));
    const { resubmitted } = await claimNullifier(tx, proof, hash);
    if (resubmitted !== null) return receiptOf(tx, resubmitted);
    const { firstIndex } = await appendEntries(tx, [bytesFor(proposalId)]);
    await recordNullifier(tx, proof, hash, firstIndex);
    await tx
      .insert(proposals)
      .values({ id: proposalId, processId, ...content, authorKind: "anonymous", entryIndex: firstIndex });
    return { proposalId, index: firstIndex.toString() };
  });
}

async function receiptOf(tx: Tx, index: bigint): Promise<TProposalReceipt> {
  const [row] = await tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.entryIndex, index));
  if (!row) throw new Error(`no proposal at entry ${index}`);
  return { proposalId: row.id, index: index.toString() };
}

function checkProposalRules(process: TProcessRow, slot: number, content: z.infer<typeof ZProposalContent>) {
  requirePhase(process, "proposals");
  if (slot >= process.rules.proposalsPerResident)
    throw new AppError(
      "SLOT_OUT_OF_RANGE",
      `Each resident may file ${process.rules.proposalsPerResident} proposals in this process; all of yours are used.`,
    );
  contentProblem(process, content);
}

/** A council member publishes an attributed proposal in their district's process. */
export async function publishCouncilProposal(
  db: Db,
  actor: Actor,
  input: unknown,
): Promise<TProposalReceipt> {
  const { processId, content } = parseInput(ZCouncilProposalInput, input, "proposal");
  return db.transaction(async (tx) => {
    const process = await lockProcessShared(tx, processId);
    const member = await requireCouncilMember(tx, actor, process.districtId);
    requirePhase(process, "proposals");
    contentProblem(process, content);
    const proposalId = randomUUID();
    const author = await councilAuthor(tx, member.userId, member.email);
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({ v: 1, type: "proposal", proposalId, processId, ...content, author }),
    ]);
    await tx.insert(proposals).values({
      id: proposalId,
      processId,
      ...content,
      authorKind: "council",
      authorUserId: member.userId,
      authorName: author.name,
      entryIndex: firstIndex,
    });
    return { proposalId, index: firstIndex.toString() };
  });
}
