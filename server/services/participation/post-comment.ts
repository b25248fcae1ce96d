import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import { commentMessage, participationScope } from "@/core/participation";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { proposalComments } from "../../db/schema";
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
import { lockProcessShared, readProcess, readProposal, type TProposalRow } from "./process-state";

// Not trimmed: the proof's message hashes the body exactly as sent.
const ZCommentBody = z
  .string()
  .min(1)
  .max(5_000)
  .refine((s) => s.trim().length > 0, "must not be blank");

export const ZAnonymousCommentRequest = z.strictObject({
  proposalId: z.uuid(),
  parentId: z.uuid().nullable(),
  body: ZCommentBody,
  slot: z.number().int().min(0).max(1_000),
  proof: ZActProof,
});

export const ZCouncilCommentInput = z.strictObject({
  proposalId: z.uuid(),
  parentId: z.uuid().nullable(),
  body: ZCommentBody,
});

export interface TCommentReceipt {
  commentId: string;
  index: string;
}

/** A reply answers a top-level comment of the same proposal: threads are one level deep. */
async function checkParent(db: DbOrTx, proposalId: string, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  const [parent] = await db.select().from(proposalComments).where(eq(proposalComments.id, parentId));
  if (!parent || parent.proposalId !== proposalId || parent.parentId !== null)
    throw new AppError("INVALID_PARENT", "A reply must answer a top-level comment on the same proposal.");
}

function checkVisible(proposal: TProposalRow): void {
  if (proposal.hidden)
    throw new AppError("TARGET_HIDDEN", "The council hid this proposal; it takes no comments.");
}

/**
 * A resident comments anonymously: scope (proposal, "comment", slot) with slot below the
 * process's commentsPerResident, so each resident posts at most that many comments on a proposal;
 * message commentMessage(proposal, parent, body). Comments are open from the proposal's
 * publication on, in every phase.
 */
export async function postAnonymousComment(
  db: Db,
  origin: string,
  input: unknown,
  deps: TAnonymousActDeps,
): Promise<TCommentReceipt> {
  const { proposalId, parentId, body, slot, proof } = parseInput(ZAnonymousCommentRequest, input, "comment");
  const proposal = await readProposal(db, proposalId);
  checkVisible(proposal);
  const process = await readProcess(db, proposal.processId);
  if (slot >= process.rules.commentsPerResident)
    throw new AppError(
      "SLOT_OUT_OF_RANGE",
      process.rules.commentsPerResident === 0
        ? "This process takes no anonymous comments."
        : `Each resident may post ${process.rules.commentsPerResident} comments on a proposal; all of yours are used.`,
    );
  await checkParent(db, proposalId, parentId);
  const scope = participationScope(origin, "comment", proposalId, slot);
  const content = { proposalId, parentId, body };
  await checkActProof(db, process, proof, { scope, message: commentMessage(content) }, deps);

  const commentId = randomUUID();
  const bytesFor = (id: string) =>
    encodeEntry({
      v: 1,
      type: "comment",
      commentId: id,
      ...content,
      author: { kind: "anonymous", slot, proof: entryProof(proof) },
    });
  const hash = entryHash(bytesFor("00000000-0000-4000-8000-000000000000"));
  return db.transaction(async (tx) => {
    const locked = await lockProcessShared(tx, process.id);
    checkVisible(await readProposal(tx, proposalId, "update"));
    await requireValidRoot(tx, locked, proof.merkleTreeRoot, true);
    const { resubmitted } = await claimNullifier(tx, proof, hash);
    if (resubmitted !== null) return receiptOf(tx, resubmitted);
    const { firstIndex } = await appendEntries(tx, [bytesFor(commentId)]);
    await recordNullifier(tx, proof, hash, firstIndex);
    await tx
      .insert(proposalComments)
      .values({ id: commentId, proposalId, parentId, body, authorKind: "anonymous", entryIndex: firstIndex });
    return { commentId, index: firstIndex.toString() };
  });
}

async function receiptOf(tx: Tx, index: bigint): Promise<TCommentReceipt> {
  const [row] = await tx
    .select({ id: proposalComments.id })
    .from(proposalComments)
    .where(eq(proposalComments.entryIndex, index));
  if (!row) throw new Error(`no comment at entry ${index}`);
  return { commentId: row.id, index: index.toString() };
}

/** A council member comments or replies, attributed, on a proposal in their district. */
export async function postCouncilComment(db: Db, actor: Actor, input: unknown): Promise<TCommentReceipt> {
  const { proposalId, parentId, body } = parseInput(ZCouncilCommentInput, input, "comment");
  return db.transaction(async (tx) => {
    // Lock order as everywhere: process row, then proposal row, then the ledger head.
    const process = await lockProcessShared(tx, (await readProposal(tx, proposalId)).processId);
    const proposal = await readProposal(tx, proposalId, "update");
    const member = await requireCouncilMember(tx, actor, process.districtId);
    checkVisible(proposal);
    await checkParent(tx, proposalId, parentId);
    const author = await councilAuthor(tx, member.userId, member.email);
    const commentId = randomUUID();
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({ v: 1, type: "comment", commentId, proposalId, parentId, body, author }),
    ]);
    await tx.insert(proposalComments).values({
      id: commentId,
      proposalId,
      parentId,
      body,
      authorKind: "council",
      authorUserId: member.userId,
      authorName: author.name,
      entryIndex: firstIndex,
    });
    return { commentId, index: firstIndex.toString() };
  });
}
