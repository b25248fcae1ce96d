import { desc, eq, sql } from "drizzle-orm";
import { formatCheckpoint } from "@/core/checkpoint";
import { compactRangeRoot, generateConsistencyProof, verifyConsistency } from "@/core/merkle";
import { signNote } from "@/core/note";
import type { Db } from "../db/client";
import { firstRow } from "../db/first-row";
import { ledgerCheckpoints, ledgerHead } from "../db/schema";
import { AppError } from "../errors/app-error";
import { createDbHashReader } from "./create-db-hash-reader";
import type { LogIdentity } from "./log-identity";
import { readFrontier } from "./read-frontier";

/** Only one signer at a time across every instance sharing the database. */
const CHECKPOINT_LOCK_KEY = 0x636b7074; // "ckpt"

export interface SignedCheckpoint {
  size: bigint;
  root: Uint8Array;
  note: string;
  /** The previous checkpoint, for witnesses (their consistency proof starts there). */
  previousSize: bigint;
}

/**
 * Signs a checkpoint for the current tree if it grew since the last one. Before signing, proves
 * from the stored subtrees that the new tree extends the last signed one (RFC 9162 consistency)
 * and refuses, loudly, if it does not: the log never signs two checkpoints that disagree.
 * Returns null when there was nothing to sign or another instance holds the signing lock.
 */
export async function signCheckpoint(
  db: Db,
  identity: LogIdentity,
  options: { minIntervalMs?: number } = {},
): Promise<SignedCheckpoint | null> {
  return db.transaction(async (tx) => {
    const lock = await tx.execute(sql`select pg_try_advisory_xact_lock(${CHECKPOINT_LOCK_KEY}) as locked`);
    if (!firstRow<{ locked: boolean }>(lock)?.locked) return null;

    const [head] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1));
    if (!head || head.size === 0n) return null;
    const [last] = await tx.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.size)).limit(1);
    if (last && head.size <= last.size) return null;
    if (last && options.minIntervalMs) {
      // At most one checkpoint per interval across every instance, measured on the database's
      // clock so instances with skewed clocks still agree.
      const age = await tx.execute(
        sql`select (extract(epoch from (now() - created_at)) * 1000)::float8 as ms from ledger_checkpoints where size = ${last.size.toString()}::bigint`,
      );
      const ms = Number(firstRow<{ ms: number }>(age)?.ms);
      if (ms < options.minIntervalMs) return null;
    }

    const root = compactRangeRoot(readFrontier(head.size, head.frontier));
    if (last) {
      const proof = await generateConsistencyProof({
        size1: last.size,
        size2: head.size,
        readHashes: createDbHashReader(tx),
      });
      if (!verifyConsistency({ size1: last.size, size2: head.size, root1: last.root, root2: root, proof })) {
        throw new AppError(
          "LEDGER_CORRUPT",
          `Refusing to sign: the tree of size ${head.size} is not consistent with the signed checkpoint of size ${last.size}.`,
        );
      }
    }
    const note = signNote(formatCheckpoint({ origin: identity.origin, size: head.size, rootHash: root }), [
      identity.signer,
    ]);
    await tx.insert(ledgerCheckpoints).values({ size: head.size, root, note });
    return { size: head.size, root, note, previousSize: last?.size ?? 0n };
  });
}
