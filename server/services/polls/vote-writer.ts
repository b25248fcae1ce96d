import type { Db } from "../../db/client";
import { GroupCommit, type TBatchOutcome } from "../../db/group-commit";
import { commitVotes, type TCheckedVote, type TVoteReceipt } from "./commit-votes";

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
  private readonly batches: GroupCommit<TCheckedVote, TVoteReceipt>;

  constructor(db: Db, maxBatch = 1_000) {
    this.batches = new GroupCommit(async (votes) => {
      const outcomes = await db.transaction((tx) => commitVotes(tx, votes));
      return outcomes.map(
        (o): TBatchOutcome<TVoteReceipt> => ("receipt" in o ? { value: o.receipt } : { error: o.refusal }),
      );
    }, maxBatch);
  }

  write(vote: TCheckedVote): Promise<TVoteReceipt> {
    return this.batches.submit(vote);
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
