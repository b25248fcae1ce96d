import { decodeEntry } from "@/core/entries";
import type { Db } from "../db/client";
import { GroupCommit } from "../db/group-commit";
import { AppError } from "../errors/app-error";
import { appendEntries } from "./append-entries";

/**
 * Groups appends that arrive together into one transaction (one head lock, one commit, one fsync),
 * which is what makes thousands of appends per second possible. Each caller's promise resolves
 * with its entry's index only after that transaction committed: acknowledged means durable.
 * Entries are validated before queueing, so one bad entry never fails a batch of good ones.
 * For appends that must commit with other writes, call appendEntries(tx, …) directly instead.
 */
export class LedgerWriter {
  private readonly batches: GroupCommit<Uint8Array, bigint>;

  constructor(
    db: Db,
    maxBatch = 1_000,
    /** Called after each committed batch (the runtime uses it to ask for a checkpoint). */
    onCommitted?: () => void,
  ) {
    this.batches = new GroupCommit(async (entries) => {
      const { firstIndex } = await db.transaction((tx) => appendEntries(tx, entries));
      onCommitted?.();
      return entries.map((_, i) => ({ value: firstIndex + BigInt(i) }));
    }, maxBatch);
  }

  append(bytes: Uint8Array): Promise<bigint> {
    try {
      decodeEntry(bytes);
    } catch (e) {
      return Promise.reject(
        new AppError("LEDGER_ENTRY_INVALID", `Ledger entry was refused: ${(e as Error).message}`),
      );
    }
    return this.batches.submit(bytes);
  }
}
