import { and, asc, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import { decodeEntry, LEDGER_ENTRY_TYPES, type TLedgerEntryType } from "@/core/entries";
import type { DbOrTx } from "../../db/client";
import { ledgerEntries } from "../../db/schema";
import { signedSize } from "./signed-size";

export const ZListEntriesInput = z.object({
  /** First index to return (inclusive). */
  start: z.coerce.bigint().min(0n).default(0n),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  type: z.enum(LEDGER_ENTRY_TYPES as [TLedgerEntryType, ...TLedgerEntryType[]]).optional(),
  districtId: z.uuid().optional(),
});
export type TListEntriesInput = z.input<typeof ZListEntriesInput>;

/**
 * A page of entries in index order, optionally of one type or one district, with their bytes.
 * Only entries covered by the latest signed checkpoint are listed.
 */
export async function listEntries(db: DbOrTx, input: TListEntriesInput) {
  const q = ZListEntriesInput.parse(input);
  const size = await signedSize(db);
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        gte(ledgerEntries.idx, q.start),
        lt(ledgerEntries.idx, size),
        q.type ? eq(ledgerEntries.type, q.type) : undefined,
        q.districtId ? eq(ledgerEntries.districtId, q.districtId) : undefined,
      ),
    )
    .orderBy(asc(ledgerEntries.idx))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({ index: r.idx, type: r.type, data: r.data, entry: decodeEntry(r.data) })),
    nextStart: rows.length > q.limit ? (rows[q.limit]?.idx ?? null) : null,
  };
}

/** One entry by index, or null (also while no signed checkpoint covers it yet). */
export async function getEntry(db: DbOrTx, index: bigint) {
  if (index >= (await signedSize(db))) return null;
  const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, index));
  return row ? { index: row.idx, type: row.type, data: row.data, entry: decodeEntry(row.data) } : null;
}

/** Entries [start, end) as raw bytes, for entry tiles. */
export async function readEntryRange(db: DbOrTx, start: bigint, end: bigint) {
  return db
    .select({ idx: ledgerEntries.idx, data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(and(gte(ledgerEntries.idx, start), lt(ledgerEntries.idx, end)))
    .orderBy(asc(ledgerEntries.idx));
}
