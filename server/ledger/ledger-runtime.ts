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
  /** Signs now if the tree grew (start-up, operators); scheduled signing keeps the interval. */
  checkpointNow(): Promise<SignedCheckpoint | null>;
  /** Asks for a checkpoint as soon as the interval allows (after appends made outside `writer`). */
  requestCheckpoint(): void;
  stop(): void;
}

/**
 * Keeps checkpoints coming: at most one per interval (enforced by signCheckpoint across every
 * instance on the database clock), and never for an unchanged tree, so a checkpoint never pins a
 * single vote's arrival more precisely than the interval. Appends through `writer` ask for a
 * checkpoint right away, so on a quiet log an entry is signed within milliseconds, and at worst
 * one interval after the previous checkpoint; a poll every interval catches appends made by
 * other instances or directly in a transaction.
 */
export function startLedgerRuntime(
  db: Db,
  identity: LogIdentity,
  intervalMs: number,
  onSigned?: (c: SignedCheckpoint) => void,
): LedgerRuntime {
  let running: Promise<SignedCheckpoint | null> | null = null;
  let lastSignedAt = 0;
  let scheduled: ReturnType<typeof setTimeout> | null = null;

  const sign = (minIntervalMs: number) => {
    running ??= signCheckpoint(db, identity, { minIntervalMs })
      .then((signed) => {
        if (signed) {
          lastSignedAt = Date.now();
          onSigned?.(signed);
        }
        return signed;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const checkpointNow = () => sign(0);
  const tick = () => {
    scheduled = null;
    sign(intervalMs)
      .then((signed) => {
        // Too early (another instance signed recently) or busy: try again when allowed.
        if (!signed && Date.now() - lastSignedAt < intervalMs) requestCheckpoint();
      })
      .catch((e: unknown) => console.error(`[plaza] checkpoint signing failed: ${(e as Error).message}`));
  };
  const requestCheckpoint = () => {
    if (scheduled) return;
    scheduled = setTimeout(tick, Math.max(0, lastSignedAt + intervalMs - Date.now()));
    scheduled.unref();
  };
  const poll = setInterval(tick, intervalMs);
  poll.unref();
  return {
    identity,
    writer: new LedgerWriter(db, undefined, requestCheckpoint),
    checkpointNow,
    requestCheckpoint,
    stop: () => {
      clearInterval(poll);
      if (scheduled) clearTimeout(scheduled);
    },
  };
}

const KEY = Symbol.for("plaza.ledger");
const WITNESS_RETRY_MS = 15_000;
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
    void witnesses.retryBehind();
    // A witness that was unreachable catches up without waiting for the next checkpoint.
    setInterval(() => void witnesses.retryBehind(), WITNESS_RETRY_MS).unref();
    return startLedgerRuntime(db, identity, env.PLAZA_CHECKPOINT_INTERVAL * 1000, (c) => witnesses.submit(c));
  })();
  return holder[KEY];
}
