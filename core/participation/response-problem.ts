import type { TResponseStatus } from "../processes/process-rules";

/**
 * Why the council cannot give this response now, or null, given the statuses it gave the proposal
 * before (oldest first). The first answer accepts, rejects or starts the proposal; a rejection
 * must give its reasons; "implemented" follows an acceptance or work in progress; a rejected
 * proposal is not answered again. Implementation updates may repeat ("in progress" twice).
 */
export function responseProblem(
  previous: readonly TResponseStatus[],
  status: TResponseStatus,
  body: string,
): string | null {
  const last = previous.at(-1);
  if (status === "rejected" && body.trim().length === 0) return "a rejection must give its reasons";
  if (last === "rejected") return "the proposal was rejected; it takes no further response";
  if (last === "implemented") return "the proposal is already implemented";
  if (status === "implemented" && last !== "accepted" && last !== "in_progress")
    return "a proposal is implemented only after it was accepted or in progress";
  if (status === "rejected" && last !== undefined)
    return "an answered proposal cannot be rejected afterwards";
  if (status === "accepted" && last !== undefined) return "the proposal was already answered";
  return null;
}
