import { createHash } from "node:crypto";
import { z } from "zod";
import { ballotMessage, validateBallot } from "@/core/ballot";
import { encodeEntry, ZBaseFieldString, ZFieldString } from "@/core/entries";
import type { Db } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { parseInput } from "../parse-input";
import type { TCheckedVote, TVoteReceipt } from "./commit-votes";
import { forgetOpenPoll, readOpenPollRules } from "./read-open-poll-rules";
import { voteWriterFor } from "./vote-writer";

/** A vote as the browser sends it: the Semaphore v4 proof object plus the ballot it is about. */
export const ZCastVoteRequest = z.strictObject({
  pollId: z.uuid(),
  ballot: z.array(z.number().int().min(0).max(1_000)).max(64),
  sequence: z.number().int().min(0).max(1_000_000),
  proof: z.strictObject({
    // Any integer here: the 1..32 policy is its own check (BAD_DEPTH) further down.
    merkleTreeDepth: z.number().int(),
    merkleTreeRoot: ZFieldString,
    nullifier: ZFieldString,
    message: ZFieldString,
    scope: ZFieldString,
    points: z.array(ZBaseFieldString).length(8),
  }),
});
export type TCastVoteRequest = z.infer<typeof ZCastVoteRequest>;
export type TSemaphoreProof = TCastVoteRequest["proof"];

export type CastVoteResult = TVoteReceipt;

/**
 * Accepts an anonymous vote. `verifyProof` only checks the SNARK; every policy check is Plaza's,
 * in this order, each failure with its own code: shape (canonical decimal strings below the field
 * orders), poll open, scope, root equals the root frozen at opening, depth 1..32, ballot valid for
 * the method and bound to the proof's message, proof valid against the official key, nullifier
 * policy. A later vote with the same nullifier and a higher sequence replaces the earlier one
 * (both stay in the ledger); an exact resubmission returns the original receipt; a lower or equal
 * sequence is refused, so an old proof can never be replayed to undo a change.
 *
 * Everything up to the proof runs per vote, without a database round trip once the poll's rules
 * are cached; the write is group-committed with the votes arriving meanwhile (vote-writer.ts,
 * commit-votes.ts), deciding each in arrival order exactly as if they had come one by one.
 */
export async function castVote(db: Db, input: unknown, deps: TCastVoteDeps): Promise<CastVoteResult> {
  const checked = await checkVote(db, input, deps);
  // Written with the other votes arriving meanwhile, in one transaction (commitVotes has the
  // nullifier policy and the locks); the receipt comes only after that transaction committed.
  try {
    return await voteWriterFor(db).write(checked);
  } catch (e) {
    if (e instanceof AppError && e.code === "POLL_NOT_OPEN") forgetOpenPoll(db, checked.pollId);
    throw e;
  }
}

export interface TCastVoteDeps {
  verifyProof: (proof: TSemaphoreProof) => Promise<boolean>;
}

/**
 * Every check of castVote before the nullifier policy, in its order, and the vote's ledger entry:
 * what commitVotes needs to decide and write it.
 */
export async function checkVote(db: Db, input: unknown, deps: TCastVoteDeps): Promise<TCheckedVote> {
  const vote = parseInput(ZCastVoteRequest, input, "vote");
  const { proof } = vote;

  // The poll's rules from a per-process cache (they cannot change once the poll is open); that it
  // is still open is checked again under the poll row's lock when the vote is written.
  const poll = await readOpenPollRules(db, vote.pollId);
  if (!poll || poll.closesAt <= Date.now()) {
    if (poll) forgetOpenPoll(db, poll.id);
    throw new AppError("POLL_NOT_OPEN", "This poll is not open for voting.");
  }
  if (proof.scope !== poll.scope) throw new AppError("WRONG_SCOPE", "The proof was made for another poll.");
  if (proof.merkleTreeRoot !== poll.frozenRoot) {
    throw new AppError(
      "WRONG_ROOT",
      "The proof is for another census than the one frozen when the poll opened.",
    );
  }
  if (proof.merkleTreeDepth < 1 || proof.merkleTreeDepth > 32)
    throw new AppError("BAD_DEPTH", "The proof's tree depth must be 1 to 32.");
  const check = validateBallot(poll.method, poll.optionCount, vote.ballot);
  if (!check.ok) throw new AppError("INVALID_BALLOT", `The ballot is not valid: ${check.reason}.`);
  if (proof.message !== ballotMessage(vote.ballot, vote.sequence).toString()) {
    throw new AppError("MESSAGE_MISMATCH", "The proof does not commit to this ballot and sequence number.");
  }
  if (!(await deps.verifyProof(proof)))
    throw new AppError("INVALID_PROOF", "The zero-knowledge proof is not valid.");

  const bytes = encodeEntry({
    v: 1,
    type: "vote",
    pollId: poll.id,
    ballot: vote.ballot,
    sequence: vote.sequence,
    proof: {
      root: proof.merkleTreeRoot,
      depth: proof.merkleTreeDepth,
      nullifier: proof.nullifier,
      scope: proof.scope,
      message: proof.message,
      points: proof.points,
    },
  });
  return {
    pollId: poll.id,
    nullifier: proof.nullifier,
    sequence: vote.sequence,
    ballot: vote.ballot,
    bytes,
    entryHash: createHash("sha256").update(bytes).digest(),
  };
}
