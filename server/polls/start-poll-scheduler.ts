import type { Db } from "../db/client";
import { closeDuePolls } from "../services/polls/close-due-polls";
import { openDuePolls } from "../services/polls/open-due-polls";
import { advanceDueProcesses } from "../services/processes/advance-due-processes";

/**
 * Opens and closes polls by themselves at their times, and moves participatory processes through
 * their phases (opening each one's ballot, recording overdue responses). Every instance runs this loop; the
 * services claim due polls with FOR UPDATE SKIP LOCKED, so each poll opens and closes exactly
 * once however many instances tick at the same moment. `onChange` lets the ledger runtime ask
 * for a checkpoint right away, so a tally is signed promptly.
 */
export function startPollScheduler(
  db: Db,
  origin: string,
  intervalMs: number,
  onChange?: () => void,
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const opened = await openDuePolls(db, origin);
      // Close before moving processes on, so a ballot's tally precedes its results phase.
      const closed = await closeDuePolls(db);
      const advanced = await advanceDueProcesses(db, origin);
      if (opened.length + closed.length + advanced.length > 0) onChange?.();
    } catch (e) {
      console.error(`[plaza] poll scheduler: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
