import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ballotMessage, validateBallot } from "@/core/ballot";
import { encodeEntry, ZBaseFieldString, ZFieldString } from "@/core/entries";
import type { Db } from "../../db/client";
import { polls, votes } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";

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

export interface CastVoteResult {
  /** The vote's ledger index: the resident's receipt. */
  entryIndex: bigint;
  /** The vote replaced an earlier one of the same voter (a higher sequence number). */
  replaced: boolean;
  /** An exact resubmission: nothing new was written; this is the original receipt. */
  duplicate: boolean;
}

/**
 * Accepts an anonymous vote. `verifyProof` only checks the SNARK; every policy check is Plaza's,
 * in this order, each failure with its own code: shape (canonical decimal strings below the field
 * orders), poll open, scope, root equals the root frozen at opening, depth 1..32, ballot valid for
 * the method and bound to the proof's message, proof valid against the official key, nullifier
 * policy. A later vote with the same nullifier and a higher sequence replaces the earlier one
 * (both stay in the ledger); an exact resubmission returns the original receipt; a lower or equal
 * sequence is refused, so an old proof can never be replayed to undo a change.
 */
export async function castVote(
  db: Db,
  input: unknown,
  deps: { verifyProof: (proof: TSemaphoreProof) => Promise<boolean> },
): Promise<CastVoteResult> {
  const parsed = ZCastVoteRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "BAD_INPUT",
      `The vote is malformed: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const vote = parsed.data;
  const { proof } = vote;

  const [poll] = await db.select().from(polls).where(eq(polls.id, vote.pollId));
  if (poll?.status !== "open" || poll.closesAt.getTime() <= Date.now()) {
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
  const check = validateBallot(poll.method, poll.options.length, vote.ballot);
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
  const entryHash = createHash("sha256").update(bytes).digest();

  return db.transaction(async (tx) => {
    // The poll row FOR SHARE: closing takes it FOR UPDATE, so no vote lands after the tally.
    const [locked] = await tx.select().from(polls).where(eq(polls.id, poll.id)).for("share");
    if (locked?.status !== "open" || locked.closesAt.getTime() <= Date.now()) {
      throw new AppError("POLL_NOT_OPEN", "This poll is not open for voting.");
    }
    // One voter's submissions queue on a lock of their own (poll, nullifier); others proceed.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`${poll.id}:${proof.nullifier}`}, 0))`,
    );
    const previous = await tx
      .select()
      .from(votes)
      .where(and(eq(votes.pollId, poll.id), eq(votes.nullifier, proof.nullifier)))
      .orderBy(desc(votes.sequence));
    const latest = previous[0];
    // An exact resubmission of the voter's current vote (a retry after a lost response) gets its
    // original receipt. Anything else at or below the latest sequence is refused, including an
    // exact copy of a vote that was since changed: an old proof never comes back.
    if (latest && latest.sequence === vote.sequence && Buffer.from(latest.entryHash).equals(entryHash)) {
      return { entryIndex: latest.entryIndex, replaced: false, duplicate: true };
    }
    if (latest && latest.sequence >= vote.sequence) {
      throw new AppError(
        "STALE_SEQUENCE",
        `A vote with sequence number ${latest.sequence} was already counted; a change needs a higher sequence number.`,
      );
    }
    const { firstIndex } = await appendEntries(tx, [bytes]);
    await tx.insert(votes).values({
      pollId: poll.id,
      nullifier: proof.nullifier,
      sequence: vote.sequence,
      ballot: vote.ballot,
      entryHash,
      entryIndex: firstIndex,
    });
    return { entryIndex: firstIndex, replaced: latest !== undefined, duplicate: false };
  });
}
