import type { Db } from "../db/client";
import { getDb } from "../db/get-db";
import { env } from "../env";
import { LedgerWriter } from "./ledger-writer";
import { type LogIdentity, loadLogIdentity } from "./log-identity";
import { type SignedCheckpoint, signCheckpoint } from "./sign-checkpoint";
import { WitnessClient } from "./witness-client";

export interface LedgerRuntime {
  identity: LogIdentity;
  writer: LedgerWriter;
  /** Signs now if the tree grew (the loop also does this every PLAZA_CHECKPOINT_INTERVAL). */
  checkpointNow(): Promise<SignedCheckpoint | null>;
  stop(): void;
}

/**
 * Starts the checkpoint loop: every interval, sign a checkpoint if the tree grew. Ticks never
 * overlap, and across instances the signing lock in signCheckpoint lets one sign at a time, so
 * at most one checkpoint per interval is signed for each instance's tick, and never for an
 * unchanged tree: a checkpoint never pins one single vote's arrival time more precisely than that.
 */
export function startLedgerRuntime(
  db: Db,
  identity: LogIdentity,
  intervalMs: number,
  onSigned?: (c: SignedCheckpoint) => void,
): LedgerRuntime {
  let running: Promise<SignedCheckpoint | null> | null = null;
  const checkpointNow = () => {
    running ??= signCheckpoint(db, identity)
      .then((signed) => {
        if (signed) onSigned?.(signed);
        return signed;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    checkpointNow().catch((e: unknown) =>
      console.error(`[plaza] checkpoint signing failed: ${(e as Error).message}`),
    );
  }, intervalMs);
  timer.unref();
  return { identity, writer: new LedgerWriter(db), checkpointNow, stop: () => clearInterval(timer) };
}

const KEY = Symbol.for("plaza.ledger");
type Holder = { [KEY]?: Promise<LedgerRuntime> };

/** The process-wide ledger runtime (on globalThis for the same reason as the database). */
export function getLedgerRuntime(): Promise<LedgerRuntime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const db = await getDb();
    const identity = await loadLogIdentity(db);
    if (env.PLAZA_WITNESSES.length === 0) {
      return startLedgerRuntime(db, identity, env.PLAZA_CHECKPOINT_INTERVAL * 1000);
    }
    // Every new checkpoint goes to the witnesses in the background; the newest one also at start,
    // so a log that stays idle after a restart still ends up cosigned.
    const witnesses = new WitnessClient(db, env.PLAZA_WITNESSES);
    void witnesses.submitLatest();
    return startLedgerRuntime(db, identity, env.PLAZA_CHECKPOINT_INTERVAL * 1000, (c) => witnesses.submit(c));
  })();
  return holder[KEY];
}
