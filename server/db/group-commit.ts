/** What one item of a committed batch came to: its value, or its own refusal. */
export type TBatchOutcome<T> = { readonly value: T } | { readonly error: unknown };

interface Pending<I, O> {
  readonly item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items submitted while a batch is being written queue, and the next `commit` call
 * takes all of them (up to `maxBatch`), so one transaction, one COMMIT and one fsync serve many
 * callers. A lone item waits for nothing; under load a batch forms by itself out of the items
 * that came during the previous commit. One batch at a time, which also suits PGlite's single
 * connection.
 *
 * Each caller hears back only after `commit` resolved (acknowledged means durable), with its own
 * outcome; if `commit` throws, the batch rolled back and every caller in it gets that error, so
 * nothing is half acknowledged. Used by the ledger writer (appends) and the vote writer (votes).
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private flushing = false;

  constructor(
    private readonly commit: (items: I[]) => Promise<TBatchOutcome<O>[]>,
    private readonly maxBatch = 1_000,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      // Yield once so items submitted in the same tick join this batch.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.commit(batch.map((p) => p.item));
          batch.forEach((p, i) => {
            const outcome = outcomes[i];
            if (outcome && "value" in outcome) p.resolve(outcome.value);
            else p.reject(outcome?.error ?? new Error("an item of the batch got no outcome"));
          });
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      // Cleared in the same step that saw the queue empty: an item arriving after this starts a
      // new flush, one arriving before it was taken by the loop. None can be stranded.
      this.flushing = false;
    }
  }
}
