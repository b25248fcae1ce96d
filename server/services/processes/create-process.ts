import { randomUUID } from "node:crypto";
import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import { processRulesFromInput, ZProcessInput } from "@/core/processes/process-input";
import type { Db } from "../../db/client";
import { processes } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { frozenCensus } from "../census/frozen-census";
import { parseInput } from "../parse-input";

export const ZCreateProcessInput = z.object({ districtId: z.uuid(), process: ZProcessInput });

/** How far in the past the first phase may start (clock skew between the browser and the server). */
const GRACE_MS = 60_000;

/**
 * A council member starts a participatory process in their district. Starting records every rule
 * in a process_started ledger entry, in the same transaction as the row, and nothing can change
 * them afterwards (there is no update): the phases follow from the recorded dates, so every rule
 * runs by itself and an observer replays it from the ledger.
 */
export async function createProcess(db: Db, actor: Actor, input: z.input<typeof ZCreateProcessInput>) {
  const { districtId, process } = parseInput(ZCreateProcessInput, input, "process");
  const member = await requireCouncilMember(db, actor, districtId);
  const built = processRulesFromInput(process);
  if (!built.ok) throw new AppError("BAD_INPUT", `The process's rules do not fit: ${built.problem}.`);
  if (Date.parse(built.rules.phases[0]?.startsAt ?? "") < Date.now() - GRACE_MS)
    throw new AppError("BAD_INPUT", "The proposal phase cannot start in the past.");
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const time = new Date().toISOString();
    // The census every anonymous proposal, support and comment of the process proves membership
    // of, frozen now as a poll freezes its own at opening (lock order: census, then ledger head).
    const { version, ...census } = await frozenCensus(tx, districtId);
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({
        v: 1,
        type: "process_started",
        processId: id,
        districtId,
        title: process.title,
        description: process.description,
        rules: built.rules,
        census,
        time,
      }),
    ]);
    const [row] = await tx
      .insert(processes)
      .values({
        id,
        districtId,
        title: process.title,
        description: process.description,
        rules: built.rules,
        censusRoot: census.root,
        censusDepth: census.depth,
        censusSize: census.size,
        censusVersion: version,
        // The scheduler's first task: entering the proposal phase.
        nextDueAt: new Date(built.rules.phases[0]?.startsAt ?? time),
        startedEntry: firstIndex,
        createdBy: member.userId,
      })
      .returning();
    if (!row) throw new Error("process not created");
    return row;
  });
}
