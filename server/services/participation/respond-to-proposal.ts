import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import { responseProblem } from "@/core/participation";
import { RESPONSE_STATUSES } from "@/core/processes/process-rules";
import type { Db } from "../../db/client";
import { proposalResponses } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { parseInput } from "../parse-input";
import { councilAuthor } from "./council-author";
import { lockProcessShared, readProposal } from "./process-state";

export const ZRespondInput = z.strictObject({
  proposalId: z.uuid(),
  status: z.enum(RESPONSE_STATUSES),
  body: z.string().max(20_000),
});

/**
 * The council answers a proposal (accepted, rejected with reasons, in progress) or updates its
 * implementation (in progress, implemented), attributed and on the ledger. The order of statuses
 * is responseProblem's, which the verifier applies too. Answers to proposals that reached the
 * ballot are due by the process's response deadline; the scheduler records any that are not.
 */
export async function respondToProposal(db: Db, actor: Actor, input: unknown): Promise<{ index: string }> {
  const { proposalId, status, body } = parseInput(ZRespondInput, input, "response");
  return db.transaction(async (tx) => {
    const process = await lockProcessShared(tx, (await readProposal(tx, proposalId)).processId);
    await readProposal(tx, proposalId, "update");
    const member = await requireCouncilMember(tx, actor, process.districtId);
    const previous = await tx
      .select({ status: proposalResponses.status })
      .from(proposalResponses)
      .where(eq(proposalResponses.proposalId, proposalId))
      .orderBy(asc(proposalResponses.entryIndex));
    const problem = responseProblem(
      previous.map((r) => r.status),
      status,
      body,
    );
    if (problem) throw new AppError("INVALID_RESPONSE", `This response is not possible: ${problem}.`);
    const author = await councilAuthor(tx, member.userId, member.email);
    const time = new Date().toISOString();
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({ v: 1, type: "response", proposalId, status, body, author, time }),
    ]);
    await tx.insert(proposalResponses).values({
      entryIndex: firstIndex,
      proposalId,
      status,
      body,
      authorUserId: member.userId,
      authorName: author.name,
    });
    return { index: firstIndex.toString() };
  });
}
