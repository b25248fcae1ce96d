import { eq, type SQL, sql } from "drizzle-orm";
import { decodeEntry, type TLedgerEntry } from "@/core/entries";
import { appendLeafHash, type CompactRange, hashLeaf, type StoredNode } from "@/core/merkle";
import type { Tx } from "../db/client";
import { ledgerHead } from "../db/schema";
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

  let [head] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1)).for("update");
  if (!head) {
    // First append ever: create the head row (racing creators agree through ON CONFLICT), then lock it.
    await tx
      .insert(ledgerHead)
      .values({ id: 1, size: 0n, frontier: new Uint8Array(0) })
      .onConflictDoNothing();
    [head] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1)).for("update");
    if (!head) throw new Error("ledger head row is missing");
  }
  const start = head.size;

  let range: CompactRange = readFrontier(head.size, head.frontier);
  const nodes: StoredNode[] = [];
  for (const bytes of entries) {
    const appended = appendLeafHash(range, hashLeaf(bytes));
    range = appended.range;
    nodes.push(...appended.nodes);
  }

  // Entries, subtree nodes and the new head in as few round trips as possible: one statement per
  // chunk of rows, the last one also moving the head (data-modifying CTEs run in one statement).
  const entryRows = entries.map((data, i) => {
    const entry = decoded[i] as TLedgerEntry;
    // The district filter column: named by the entry itself, or (votes, tallies) through its poll,
    // so a district's ledger page lists every entry of its polls.
    const district =
      "districtId" in entry
        ? sql`${entry.districtId}::uuid`
        : "pollId" in entry
          ? sql`(select district_id from polls where id = ${entry.pollId}::uuid)`
          : sql`null::uuid`;
    return sql`(${(start + BigInt(i)).toString()}::bigint, ${data}::bytea, ${entry.type}, ${district})`;
  });
  const nodeRows = nodes.map(
    (n) => sql`(${n.level}::smallint, ${n.index.toString()}::bigint, ${n.hash}::bytea)`,
  );
  const chunks = Math.max(Math.ceil(entryRows.length / CHUNK), Math.ceil(nodeRows.length / CHUNK));
  for (let c = 0; c < chunks; c++) {
    const e = entryRows.slice(c * CHUNK, (c + 1) * CHUNK);
    const n = nodeRows.slice(c * CHUNK, (c + 1) * CHUNK);
    const ctes: SQL[] = [];
    if (e.length > 0)
      ctes.push(
        sql`e as (insert into ledger_entries (idx, data, type, district_id) values ${sql.join(e, sql`, `)})`,
      );
    if (n.length > 0)
      ctes.push(sql`n as (insert into ledger_subtrees (level, idx, hash) values ${sql.join(n, sql`, `)})`);
    const tail =
      c === chunks - 1
        ? sql`update ledger_head set size = ${range.size.toString()}::bigint, frontier = ${encodeFrontier(range)}::bytea, updated_at = now() where id = 1`
        : sql`select 1`;
    await tx.execute(sql`with ${sql.join(ctes, sql`, `)} ${tail}`);
  }
  return { firstIndex: start, size: range.size };
}
