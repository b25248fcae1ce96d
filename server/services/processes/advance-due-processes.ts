import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { pollScope } from "@/core/ballot";
import { encodeEntry } from "@/core/entries";
import { processBallot } from "@/core/participation";
import { PROCESS_PHASES, type TProcessRules } from "@/core/processes/process-rules";
import type { Db, Tx } from "../../db/client";
import { polls, processes, proposalResponses, proposals } from "../../db/schema";
import { appendEntries } from "../../ledger/append-entries";
import { frozenCensus } from "../census/frozen-census";
import type { TProcessRow } from "../participation/process-state";

/**
 * Runs every process's rules by themselves, exactly once across instances (rows claimed FOR UPDATE
 * SKIP LOCKED, so anonymous acts holding the row FOR SHARE finish first and land in their phase):
 *
 * - a phase whose start has come is entered with a process_phase entry (several in order, if the
 *   server was down across a boundary);
 * - entering the ballot phase opens the ballot: a poll whose options are the proposals that
 *   advanced, in the order they did, counted by the process's method (processBallot), open for
 *   exactly the ballot phase, freezing the census as any poll does; it closes like any poll;
 * - once the response deadline has passed, a response_overdue entry names every proposal that
 *   reached the ballot without an answer (nothing is written if every one was answered).
 */
export async function advanceDueProcesses(db: Db, origin: string, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Only what is due (the next phase's start or the response deadline has come): a process
    // between two boundaries is never locked by the scheduler, so its acts never wait for it.
    const candidates = await tx
      .select()
      .from(processes)
      .where(lte(processes.nextDueAt, now))
      .orderBy(asc(processes.nextDueAt))
      .limit(50)
      .for("update", { skipLocked: true });
    const changed: string[] = [];
    for (const process of candidates) {
      if (await advanceProcess(tx, origin, process, now)) changed.push(process.id);
    }
    return changed;
  });
}

async function advanceProcess(tx: Tx, origin: string, process: TProcessRow, now: Date): Promise<boolean> {
  const time = now.toISOString();
  let phase = process.phase === null ? -1 : PROCESS_PHASES.indexOf(process.phase);
  let changed = false;
  for (;;) {
    const next = process.rules.phases[phase + 1];
    if (!next || Date.parse(next.startsAt) > now.getTime()) break;
    phase++;
    await appendEntries(tx, [
      encodeEntry({ v: 1, type: "process_phase", processId: process.id, phase: next.kind, time }),
    ]);
    await tx.update(processes).set({ phase: next.kind }).where(eq(processes.id, process.id));
    if (next.kind === "ballot") await openBallot(tx, origin, process);
    changed = true;
  }
  let deadlineHandled = process.deadlineHandled;
  if (!deadlineHandled && phase >= 2 && Date.parse(process.rules.responseDeadline) <= now.getTime()) {
    const unanswered = await unansweredAdvanced(tx, process.id);
    let overdueEntry: bigint | null = null;
    if (unanswered.length > 0) {
      ({ firstIndex: overdueEntry } = await appendEntries(tx, [
        encodeEntry({ v: 1, type: "response_overdue", processId: process.id, proposalIds: unanswered, time }),
      ]));
    }
    await tx
      .update(processes)
      .set({ deadlineHandled: true, overdueEntry })
      .where(eq(processes.id, process.id));
    deadlineHandled = true;
    changed = true;
  }
  const nextDueAt = processNextDueAt(process.rules, phase, deadlineHandled);
  await tx.update(processes).set({ nextDueAt }).where(eq(processes.id, process.id));
  return changed;
}

/**
 * When the scheduler next has something to do for a process at `phase` (index into
 * PROCESS_PHASES, -1 before the first): the next phase's start, or the response deadline while it
 * is not handled (never before the ballot phase, whose start fixes the proposals due an answer).
 */
export function processNextDueAt(rules: TProcessRules, phase: number, deadlineHandled: boolean): Date | null {
  const times: number[] = [];
  const next = rules.phases[phase + 1];
  if (next) times.push(Date.parse(next.startsAt));
  if (!deadlineHandled && phase >= 2) times.push(Date.parse(rules.responseDeadline));
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** The proposals that advanced, in advancement order. */
async function advancedProposals(tx: Tx, processId: string) {
  return tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.processId, processId), isNotNull(proposals.advancedEntry)))
    .orderBy(asc(proposals.advancedEntry));
}

async function unansweredAdvanced(tx: Tx, processId: string): Promise<string[]> {
  const advanced = await advancedProposals(tx, processId);
  if (advanced.length === 0) return [];
  const answered = new Set(
    (
      await tx
        .select({ id: proposalResponses.proposalId })
        .from(proposalResponses)
        .where(
          inArray(
            proposalResponses.proposalId,
            advanced.map((p) => p.id),
          ),
        )
    ).map((r) => r.id),
  );
  return advanced.filter((p) => !answered.has(p.id)).map((p) => p.id);
}

async function openBallot(tx: Tx, origin: string, process: TProcessRow): Promise<void> {
  const advanced = await advancedProposals(tx, process.id);
  if (advanced.length === 0) return;
  const { options, method, proposalIds } = processBallot(
    process.rules,
    advanced.map((p) => ({ proposalId: p.id, title: p.title, costEstimate: p.costEstimate })),
  );
  const phase = process.rules.phases[2];
  if (!phase) throw new Error("process rules without a ballot phase");
  const census = await frozenCensus(tx, process.districtId);
  // The ballot's anonymity set is the census itself; a census that emptied cannot vote at all.
  if (census.size < 1) return;
  const pollId = randomUUID();
  const scope = pollScope(origin, pollId).toString();
  const { firstIndex } = await appendEntries(tx, [
    encodeEntry({
      v: 1,
      type: "poll_opened",
      pollId,
      districtId: process.districtId,
      title: process.title,
      options,
      method,
      opensAt: phase.startsAt,
      closesAt: phase.endsAt,
      scope,
      root: census.root,
      depth: census.depth,
      censusSize: census.size,
      minAnonymitySet: 1,
      process: { processId: process.id, proposalIds },
    }),
  ]);
  await tx.insert(polls).values({
    id: pollId,
    districtId: process.districtId,
    title: process.title,
    description: process.description,
    options,
    method,
    opensAt: new Date(phase.startsAt),
    closesAt: new Date(phase.endsAt),
    minAnonymitySet: 1,
    status: "open",
    scope,
    frozenRoot: census.root,
    depth: census.depth,
    censusSize: census.size,
    openedEntry: firstIndex,
    processId: process.id,
    proposalIds,
  });
  await tx.update(processes).set({ ballotPollId: pollId }).where(eq(processes.id, process.id));
}
