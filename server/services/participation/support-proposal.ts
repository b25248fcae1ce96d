import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import { participationScope, supportMessage } from "@/core/participation";
import type { Db } from "../../db/client";
import { proposals } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
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
import { lockProcessShared, readProcess, readProposal, requirePhase } from "./process-state";

export const ZSupportRequest = z.strictObject({ proposalId: z.uuid(), proof: ZActProof });

export interface TSupportReceipt {
  index: string;
  supports: number;
  /** The proposal_advanced entry this support triggered, if it met the threshold. */
  advancedIndex: string | null;
}

/**
 * A resident supports a proposal anonymously: scope (proposal, "support", 0), so one support per
 * resident per proposal; message supportMessage(proposal). Only during the support phase, only for
 * a visible proposal. The support that brings the count to the process's threshold advances the
 * proposal to the ballot: its proposal_advanced entry is appended with the support, in the same
 * append, so the ledger shows the rule firing the moment it was met. Supports of one proposal
 * queue on its row lock, so exactly one support is the one that meets the threshold.
 */
export async function supportProposal(
  db: Db,
  origin: string,
  input: unknown,
  deps: TAnonymousActDeps,
): Promise<TSupportReceipt> {
  const { proposalId, proof } = parseInput(ZSupportRequest, input, "support");
  const proposal = await readProposal(db, proposalId);
  const process = await readProcess(db, proposal.processId);
  requirePhase(process, "support");
  if (proposal.hidden)
    throw new AppError("TARGET_HIDDEN", "The council hid this proposal; it takes no supports.");
  const scope = participationScope(origin, "support", proposalId, 0);
  await checkActProof(db, process, proof, { scope, message: supportMessage(proposalId) }, deps);

  const bytes = encodeEntry({ v: 1, type: "support", proposalId, proof: entryProof(proof) });
  const hash = entryHash(bytes);
  return db.transaction(async (tx) => {
    const locked = await lockProcessShared(tx, process.id);
    requirePhase(locked, "support");
    const current = await readProposal(tx, proposalId, "update");
    if (current.hidden)
      throw new AppError("TARGET_HIDDEN", "The council hid this proposal; it takes no supports.");
    await requireValidRoot(tx, locked, proof.merkleTreeRoot, true);
    const { resubmitted } = await claimNullifier(tx, proof, hash);
    if (resubmitted !== null)
      return {
        index: resubmitted.toString(),
        supports: current.supportCount,
        advancedIndex: current.advancedEntry?.toString() ?? null,
      };
    const supports = current.supportCount + 1;
    const advances = current.advancedEntry === null && supports === locked.rules.supportThreshold;
    const entries = [bytes];
    if (advances)
      entries.push(
        encodeEntry({ v: 1, type: "proposal_advanced", proposalId, processId: process.id, supports }),
      );
    const { firstIndex } = await appendEntries(tx, entries);
    await recordNullifier(tx, proof, hash, firstIndex);
    const advancedIndex = advances ? firstIndex + 1n : null;
    await tx
      .update(proposals)
      .set({
        supportCount: sql`${proposals.supportCount} + 1`,
        ...(advancedIndex === null ? {} : { advancedEntry: advancedIndex }),
      })
      .where(eq(proposals.id, proposalId));
    return {
      index: firstIndex.toString(),
      supports,
      advancedIndex: (advancedIndex ?? current.advancedEntry)?.toString() ?? null,
    };
  });
}
