import { asc, inArray, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { polls, votes } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";

/** A vote that passed every check but the nullifier policy, ready to be written. */
export interface TCheckedVote {
  readonly pollId: string;
  readonly nullifier: string;
  readonly sequence: number;
  readonly ballot: readonly number[];
  /** The canonical vote entry, exactly as the ledger stores it. */
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes`. */
  readonly entryHash: Uint8Array;
}

export interface TVoteReceipt {
  /** The vote's ledger index: the resident's receipt. */
  entryIndex: bigint;
  /** The vote replaced an earlier one of the same voter (a higher sequence number). */
  replaced: boolean;
  /** An exact resubmission: nothing new was written; this is the original receipt. */
  duplicate: boolean;
}

/** Each vote's fate: a receipt, or the AppError that refuses it. Never thrown: one bad vote must not fail the rest. */
export type TVoteOutcome = { receipt: TVoteReceipt } | { refusal: AppError };

/** Votes rows per INSERT: 6 parameters each, well under PostgreSQL's 65,535. */
const CHUNK = 2_000;

/** Where an accepted vote of this batch will land: its position among the batch's appended entries. */
interface Current {
  readonly sequence: number;
  readonly entryHash: Uint8Array;
  /** A committed vote's index, or the position of one accepted earlier in this batch. */
  readonly at: { index: bigint } | { position: number };
}

const notOpen = () => new AppError("POLL_NOT_OPEN", "This poll is not open for voting.");

/**
 * Writes a batch of checked votes in the caller's transaction, deciding each one in order exactly
 * as if they had arrived one after the other (the nullifier policy):
 *   - an exact resubmission of the voter's current vote (same sequence, same entry bytes) gets the
 *     original receipt, duplicate: true, and writes nothing;
 *   - a sequence at or below the voter's latest is refused (STALE_SEQUENCE), so an old proof never
 *     comes back to undo a change;
 *   - a higher one is accepted, replaced: true if the voter had voted before.
 * "The voter's latest" includes votes accepted earlier in the same batch.
 *
 * Locks, in an order every writer follows, so concurrent batches (in this process or on any other
 * instance sharing the database) cannot deadlock and cannot both accept one (poll, nullifier):
 *   1. the batch's poll rows FOR SHARE, by id: closing takes them FOR UPDATE, so no vote lands
 *      after the tally; a poll that is no longer open refuses its votes (POLL_NOT_OPEN);
 *   2. one transaction-scoped advisory lock per (poll, nullifier), in sorted key order: one voter's
 *      submissions queue while everyone else's proceed, and the previous votes read next cannot
 *      change until this transaction ends;
 *   3. the ledger head FOR UPDATE, taken by appendEntries.
 * The primary key on (poll, nullifier, sequence) backs it all up: a second acceptance of one
 * sequence fails the transaction rather than entering the ledger twice.
 *
 * Four statements for the whole batch, plus appendEntries' two: what makes a vote cost a fraction
 * of a round trip instead of ten.
 */
export async function commitVotes(tx: Tx, batch: readonly TCheckedVote[]): Promise<TVoteOutcome[]> {
  const pollIds = [...new Set(batch.map((v) => v.pollId))].sort();
  const locked = await tx
    .select({ id: polls.id, status: polls.status, closesAt: polls.closesAt })
    .from(polls)
    .where(inArray(polls.id, pollIds))
    .orderBy(asc(polls.id))
    .for("share");
  const now = Date.now();
  const open = new Set(
    locked.filter((p) => p.status === "open" && p.closesAt.getTime() > now).map((p) => p.id),
  );

  const live = batch.filter((v) => open.has(v.pollId));
  const keyOf = (v: { pollId: string; nullifier: string }) => `${v.pollId}:${v.nullifier}`;
  const current = new Map<string, Current>();
  if (live.length > 0) {
    // The same key as one vote at a time took before batching (hashtextextended of
    // "<poll>:<nullifier>"), so instances of either version exclude each other. Sorted with the
    // same comparison everywhere: every batch takes its locks in one global order. A VALUES list
    // is scanned in the order written, so the locks are taken in that order.
    const keys = [...new Set(live.map(keyOf))].sort();
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from (values ${sql.join(
        keys.map((k) => sql`(${k})`),
        sql`, `,
      )}) as v(k)`,
    );
    const livePolls = [...new Set(live.map((v) => v.pollId))];
    const nullifiers = [...new Set(live.map((v) => v.nullifier))];
    // Each voter's latest vote; rows of a nullifier in another poll of the batch are skipped below.
    const previous = await tx
      .selectDistinctOn([votes.pollId, votes.nullifier], {
        pollId: votes.pollId,
        nullifier: votes.nullifier,
        sequence: votes.sequence,
        entryHash: votes.entryHash,
        entryIndex: votes.entryIndex,
      })
      .from(votes)
      .where(sql`${inArray(votes.pollId, livePolls)} and ${inArray(votes.nullifier, nullifiers)}`)
      .orderBy(asc(votes.pollId), asc(votes.nullifier), sql`${votes.sequence} desc`);
    for (const row of previous) {
      current.set(keyOf(row), {
        sequence: row.sequence,
        entryHash: row.entryHash,
        at: { index: row.entryIndex },
      });
    }
  }

  // Decided in arrival order; an outcome that points at a vote of this batch is resolved once its
  // index is known (after the append).
  const accepted: TCheckedVote[] = [];
  const decided: ({ refusal: AppError } | { at: Current["at"]; replaced: boolean; duplicate: boolean })[] =
    [];
  for (const vote of batch) {
    if (!open.has(vote.pollId)) {
      decided.push({ refusal: notOpen() });
      continue;
    }
    const key = keyOf(vote);
    const latest = current.get(key);
    if (
      latest &&
      latest.sequence === vote.sequence &&
      Buffer.from(latest.entryHash).equals(Buffer.from(vote.entryHash))
    ) {
      decided.push({ at: latest.at, replaced: false, duplicate: true });
      continue;
    }
    if (latest && latest.sequence >= vote.sequence) {
      decided.push({
        refusal: new AppError(
          "STALE_SEQUENCE",
          `A vote with sequence number ${latest.sequence} was already counted; a change needs a higher sequence number.`,
        ),
      });
      continue;
    }
    const at = { position: accepted.length };
    accepted.push(vote);
    current.set(key, { sequence: vote.sequence, entryHash: vote.entryHash, at });
    decided.push({ at, replaced: latest !== undefined, duplicate: false });
  }

  let firstIndex = 0n;
  if (accepted.length > 0) {
    ({ firstIndex } = await appendEntries(
      tx,
      accepted.map((v) => v.bytes),
    ));
    for (let start = 0; start < accepted.length; start += CHUNK) {
      const rows: SQL[] = accepted
        .slice(start, start + CHUNK)
        .map(
          (v, i) =>
            sql`(${v.pollId}::uuid, ${v.nullifier}, ${v.sequence}::integer, ${JSON.stringify(v.ballot)}::jsonb, ${v.entryHash}::bytea, ${(firstIndex + BigInt(start + i)).toString()}::bigint)`,
        );
      await tx.execute(
        sql`insert into ${votes} (poll_id, nullifier, sequence, ballot, entry_hash, entry_index) values ${sql.join(rows, sql`, `)}`,
      );
    }
  }
  return decided.map((d) =>
    "refusal" in d
      ? d
      : {
          receipt: {
            entryIndex: "index" in d.at ? d.at.index : firstIndex + BigInt(d.at.position),
            replaced: d.replaced,
            duplicate: d.duplicate,
          },
        },
  );
}
