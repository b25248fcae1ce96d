import { decodeEntry } from "@/core/entries";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { appendEntries } from "./append-entries";

interface Pending {
  bytes: Uint8Array;
  resolve: (index: bigint) => void;
  reject: (e: unknown) => void;
}

/**
 * Groups appends that arrive together into one transaction (one head lock, one commit, one fsync),
 * which is what makes thousands of appends per second possible. Each caller's promise resolves
 * with its entry's index only after that transaction committed: acknowledged means durable.
 * Entries are validated before queueing, so one bad entry never fails a batch of good ones.
 * For appends that must commit with other writes, call appendEntries(tx, …) directly instead.
 */
export class LedgerWriter {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 1_000,
    /** Called after each committed batch (the runtime uses it to ask for a checkpoint). */
    private readonly onCommitted?: () => void,
  ) {}

  append(bytes: Uint8Array): Promise<bigint> {
    try {
      decodeEntry(bytes);
    } catch (e) {
      return Promise.reject(
        new AppError("LEDGER_ENTRY_INVALID", `Ledger entry was refused: ${(e as Error).message}`),
      );
    }
    return new Promise<bigint>((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      // Yield once so appends issued in the same tick join this batch.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const { firstIndex } = await this.db.transaction((tx) =>
            appendEntries(
              tx,
              batch.map((p) => p.bytes),
            ),
          );
          batch.forEach((p, i) => {
            p.resolve(firstIndex + BigInt(i));
          });
          this.onCommitted?.();
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      // Cleared in the same step that saw the queue empty: an append arriving after this starts
      // a new flush, one arriving before it was taken by the loop. None can be stranded.
      this.flushing = false;
    }
  }
}
