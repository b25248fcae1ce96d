import { eq } from "drizzle-orm";
import { processPhaseAt, type TProcessPhase } from "@/core/processes/process-rules";
import type { DbOrTx, Tx } from "../../db/client";
import { processes, proposals } from "../../db/schema";
import { AppError } from "../../errors/app-error";

export type TProcessRow = typeof processes.$inferSelect;
export type TProposalRow = typeof proposals.$inferSelect;

const PHASE_NAMES: Record<TProcessPhase, string> = {
  proposals: "proposal collection",
  support: "support",
  ballot: "ballot",
  results: "results",
  follow_up: "follow-up",
};

/**
 * Locks the process row FOR SHARE: acts of the process proceed together, while the scheduler's
 * phase change (FOR UPDATE) waits for them and they for it, so an act accepted in a phase is on
 * the ledger before the next phase's process_phase entry.
 */
export async function lockProcessShared(tx: Tx, processId: string): Promise<TProcessRow> {
  const [row] = await tx.select().from(processes).where(eq(processes.id, processId)).for("share");
  if (!row) throw new AppError("NOT_FOUND", "That process does not exist.");
  return row;
}

/**
 * An act allowed only in `phase` needs both the phase the ledger recorded (the scheduler's last
 * process_phase entry) and the clock to say so: before the scheduler records the phase nothing of
 * it is accepted yet, and after its end nothing more, even if the scheduler is late.
 */
export function requirePhase(process: TProcessRow, phase: TProcessPhase, now = new Date()): void {
  const clock = processPhaseAt(process.rules, now);
  if (process.phase === phase && clock === phase) return;
  throw new AppError(
    "OUTSIDE_PHASE",
    `This is possible only during the ${PHASE_NAMES[phase]} phase; the process is ${clock === "upcoming" || clock === "ended" ? clock : `in its ${PHASE_NAMES[clock]} phase`}.`,
  );
}

export async function readProcess(db: DbOrTx, processId: string): Promise<TProcessRow> {
  const [row] = await db.select().from(processes).where(eq(processes.id, processId));
  if (!row) throw new AppError("NOT_FOUND", "That process does not exist.");
  return row;
}

export async function readProposal(db: DbOrTx, proposalId: string, lock?: "update"): Promise<TProposalRow> {
  const query = db.select().from(proposals).where(eq(proposals.id, proposalId));
  const [row] = lock ? await query.for(lock) : await query;
  if (!row) throw new AppError("NOT_FOUND", "That proposal does not exist.");
  return row;
}
