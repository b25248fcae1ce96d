import { fieldHash } from "../ballot/field-hash";

/** The anonymous acts of a participatory process, each with its own family of Semaphore scopes. */
export type TParticipationAct = "propose" | "support" | "comment";

function oneLine(name: string, value: string): void {
  if (typeof value !== "string" || value.length === 0 || value.includes("\n"))
    throw new TypeError(`${name} must be a one-line string`);
}

/**
 * The Semaphore scope of an anonymous act in a process: field hash of
 * "plaza/<act>/v1\n<log origin>\n<target id>\n<slot>".
 *
 * A Semaphore identity has exactly one nullifier per scope, and the server (and every observer)
 * accepts one act per nullifier, so the scope decides what "once" means:
 *   propose  target = the process,  slot 0..proposalsPerResident-1: at most N proposals each
 *   support  target = the proposal, slot always 0: one support per resident per proposal
 *   comment  target = the proposal, slot 0..commentsPerResident-1: at most N comments each on it
 * The log origin keeps a proof made for one Plaza useless on another that reuses the ids.
 */
export function participationScope(
  origin: string,
  act: TParticipationAct,
  targetId: string,
  slot: number,
): bigint {
  oneLine("origin", origin);
  oneLine("targetId", targetId);
  if (act !== "propose" && act !== "support" && act !== "comment")
    throw new TypeError("act must be propose, support or comment");
  if (typeof slot !== "number") throw new TypeError("slot must be a number");
  if (!Number.isSafeInteger(slot) || slot < 0) throw new RangeError("slot must be a non-negative integer");
  if (act === "support" && slot !== 0) throw new RangeError("a support has the one slot 0");
  return fieldHash(new TextEncoder().encode(`plaza/${act}/v1\n${origin}\n${targetId}\n${slot}`));
}
