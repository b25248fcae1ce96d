import { eq, sql } from "drizzle-orm";
import { decodeEntry, type TLedgerEntry } from "@/core/entries";
import { appendLeafHash, type CompactRange, hashLeaf, type StoredNode } from "@/core/merkle";
import type { Tx } from "../db/client";
import { ledgerEntries, ledgerHead, ledgerSubtrees } from "../db/schema";
import { AppError } from "../errors/app-error";
import { encodeFrontier, readFrontier } from "./read-frontier";

/** Rows per INSERT statement, well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 2_000;

export interface AppendResult {
  /** Index of the first appended entry; the rest follow without gaps. */
  firstIndex: bigint;
  /** Tree size after the append. */
  size: bigint;
}

/**
 * Appends entries to the ledger inside the caller's transaction, so a domain change and its
 * ledger entry commit together or not at all.
 *
 * Sequencing: the single ledger_head row is locked FOR UPDATE, so concurrent appenders (in this
 * process or any other instance on the same PostgreSQL) queue on it; each takes the next indices
 * from the size it read and moves the size on before committing. The primary key on idx makes a
 * duplicate index impossible even if that logic were wrong, and the lock makes gaps impossible: a
 * rolled-back transaction never moved the head. Nothing is acknowledged before COMMIT returns.
 *
 * Every entry must parse as a known, canonical entry type (decodeEntry), else nothing is written.
 */
export async function appendEntries(tx: Tx, entries: readonly Uint8Array[]): Promise<AppendResult> {
  if (entries.length === 0) throw new TypeError("appendEntries needs at least one entry");
  const decoded: TLedgerEntry[] = entries.map((bytes, i) => {
    try {
      return decodeEntry(bytes);
    } catch (e) {
      throw new AppError("LEDGER_ENTRY_INVALID", `Ledger entry ${i} was refused: ${(e as Error).message}`);
    }
  });

  await tx
    .insert(ledgerHead)
    .values({ id: 1, size: 0n, frontier: new Uint8Array(0) })
    .onConflictDoNothing();
  const [head] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1)).for("update");
  if (!head) throw new Error("ledger head row is missing");

  let range: CompactRange = readFrontier(head.size, head.frontier);
  const nodes: StoredNode[] = [];
  for (const bytes of entries) {
    const appended = appendLeafHash(range, hashLeaf(bytes));
    range = appended.range;
    nodes.push(...appended.nodes);
  }

  const rows = entries.map((data, i) => {
    const entry = decoded[i] as TLedgerEntry;
    return {
      idx: head.size + BigInt(i),
      data,
      type: entry.type,
      districtId: "districtId" in entry ? entry.districtId : null,
    };
  });
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx.insert(ledgerEntries).values(rows.slice(i, i + CHUNK));
  const nodeRows = nodes.map((n) => ({ level: n.level, idx: n.index, hash: n.hash }));
  for (let i = 0; i < nodeRows.length; i += CHUNK)
    await tx.insert(ledgerSubtrees).values(nodeRows.slice(i, i + CHUNK));

  await tx
    .update(ledgerHead)
    .set({ size: range.size, frontier: encodeFrontier(range), updatedAt: sql`now()` })
    .where(eq(ledgerHead.id, 1));
  return { firstIndex: head.size, size: range.size };
}
