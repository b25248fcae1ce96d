/**
 * Where a poll stands for its council, as one word the pages explain: `scheduled` (editable until
 * it opens), `waiting` (its opening time has come but the census is below its minimum anonymity
 * set, so it stays closed; still editable, e.g. to lower the minimum or move the dates), `open`
 * and `closed` (rules on the ledger, locked for good).
 */
export type CouncilPollPhase = "scheduled" | "waiting" | "open" | "closed";

export function councilPollPhase(
  poll: { status: "scheduled" | "open" | "closed"; opensAt: Date },
  now: Date,
): CouncilPollPhase {
  if (poll.status !== "scheduled") return poll.status;
  return poll.opensAt.getTime() <= now.getTime() ? "waiting" : "scheduled";
}

/** A poll can be edited until it opens (the server refuses later edits with POLL_LOCKED). */
export function isEditablePhase(phase: CouncilPollPhase): boolean {
  return phase === "scheduled" || phase === "waiting";
}
