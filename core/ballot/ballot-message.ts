import { fieldHash } from "./field-hash";

/**
 * The Semaphore message of a vote: field hash of "plaza/ballot/v1\n<sequence>\n<ballot indices,
 * comma-separated>". Binding the sequence number into the proof is what lets a later vote with a
 * higher sequence replace an earlier one while an old proof can never be replayed to undo it.
 * The ballot must already be canonical (see validateBallot).
 */
export function ballotMessage(ballot: readonly number[], sequence: number): bigint {
  if (!Array.isArray(ballot) || !ballot.every((i) => Number.isSafeInteger(i) && i >= 0)) {
    throw new TypeError("ballot must be an array of option indices");
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0)
    throw new RangeError("sequence must be a non-negative integer");
  return fieldHash(new TextEncoder().encode(`plaza/ballot/v1\n${sequence}\n${ballot.join(",")}`));
}
