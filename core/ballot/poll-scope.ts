import { fieldHash } from "./field-hash";

/**
 * The Semaphore scope of a poll: field hash of "plaza/poll/v1\n<log origin>\n<poll id>". One
 * identity has one nullifier per scope, so one vote chain per poll. The log origin makes a proof
 * made for one Plaza deployment useless on another that happens to reuse a poll id.
 */
export function pollScope(origin: string, pollId: string): bigint {
  if (typeof origin !== "string" || origin.length === 0 || origin.includes("\n"))
    throw new TypeError("origin must be a one-line string");
  if (typeof pollId !== "string" || pollId.length === 0 || pollId.includes("\n"))
    throw new TypeError("pollId must be a one-line string");
  return fieldHash(new TextEncoder().encode(`plaza/poll/v1\n${origin}\n${pollId}`));
}
