import { eq } from "drizzle-orm";
import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import type { Db } from "../../db/client";
import { proposalComments, proposals } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { parseInput } from "../parse-input";
import { councilAuthor } from "./council-author";
import { lockProcessShared, readProposal } from "./process-state";

export const ZModerateInput = z.strictObject({
  target: z.strictObject({ kind: z.enum(["proposal", "comment"]), id: z.uuid() }),
  action: z.enum(["hide", "restore"]),
  reason: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => s.trim().length > 0, "must not be blank"),
});

/**
 * A council member of the proposal's district hides a proposal or comment, or restores it, with a
 * public reason. The ledger keeps the original entry and records the moderation beside it; the
 * site shows the reason in its place (and the content, for audit, where configured).
 */
export async function moderateContent(db: Db, actor: Actor, input: unknown): Promise<{ index: string }> {
  const { target, action, reason } = parseInput(ZModerateInput, input, "moderation");
  return db.transaction(async (tx) => {
    let proposalId = target.id;
    if (target.kind === "comment") {
      const [comment] = await tx.select().from(proposalComments).where(eq(proposalComments.id, target.id));
      if (!comment) throw new AppError("NOT_FOUND", "That comment does not exist.");
      proposalId = comment.proposalId;
    }
    const process = await lockProcessShared(tx, (await readProposal(tx, proposalId)).processId);
    const proposal = await readProposal(tx, proposalId, "update");
    const member = await requireCouncilMember(tx, actor, process.districtId);
    const table = target.kind === "proposal" ? proposals : proposalComments;
    const [row] = await tx.select({ hidden: table.hidden }).from(table).where(eq(table.id, target.id));
    const hidden = row?.hidden ?? proposal.hidden;
    const hide = action === "hide";
    if (hidden === hide)
      throw new AppError(
        "INVALID_MODERATION",
        `This ${target.kind} is already ${hide ? "hidden" : "visible"}.`,
      );
    const author = await councilAuthor(tx, member.userId, member.email);
    const time = new Date().toISOString();
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({ v: 1, type: "moderation", target, action, reason, author, time }),
    ]);
    await tx
      .update(table)
      .set({ hidden: hide, hiddenReason: hide ? reason : null, moderationEntry: firstIndex })
      .where(eq(table.id, target.id));
    return { index: firstIndex.toString() };
  });
}
