import type { Db } from "../../db/client";
import { commitVotes, type TCheckedVote, type TVoteReceipt } from "./commit-votes";

interface Pending {
  readonly vote: TCheckedVote;
  resolve(receipt: TVoteReceipt): void;
  reject(error: unknown): void;
}

/**
 * Group commit for votes, the way LedgerWriter groups ledger appends: votes that arrive while a
 * batch is being written queue, and the next transaction takes all of them (commitVotes: one
 * poll lock, one read of the voters' previous votes, one append, one insert, one COMMIT and
 * fsync). A lone vote waits for nothing; under load a batch forms by itself out of the votes that
 * came during the previous commit.
 *
 * Each caller hears back only after its batch committed: a receipt means the vote is durable, and
 * a refusal (POLL_NOT_OPEN, STALE_SEQUENCE) was decided against committed state. Refusals are
 * per vote and never fail the batch; an unexpected database error rolls the whole batch back and
 * every caller in it gets that error, so no vote is half acknowledged. One batch at a time per
 * database handle, which also suits PGlite's single connection.
 */
export class VoteWriter {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 1_000,
  ) {}

  write(vote: TCheckedVote): Promise<TVoteReceipt> {
    return new Promise<TVoteReceipt>((resolve, reject) => {
      this.queue.push({ vote, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      // Yield once so votes submitted in the same tick join this batch.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.db.transaction((tx) =>
            commitVotes(
              tx,
              batch.map((p) => p.vote),
            ),
          );
          batch.forEach((p, i) => {
            const outcome = outcomes[i];
            if (outcome && "receipt" in outcome) p.resolve(outcome.receipt);
            else p.reject(outcome?.refusal ?? new Error("a vote of the batch got no outcome"));
          });
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      // Cleared in the same step that saw the queue empty: a vote arriving after this starts a new
      // flush, one arriving before it was taken by the loop. None can be stranded.
      this.flushing = false;
    }
  }
}

/** One writer per database handle (tests open several in one process). */
const writers = new WeakMap<Db, VoteWriter>();

export function voteWriterFor(db: Db): VoteWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new VoteWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
