import { z } from "zod";
import { LEDGER_ENTRY_TYPES, type TLedgerEntryType } from "@/core/entries";

/** Largest index PostgreSQL's bigint column can hold. */
const MAX_INDEX = 2n ** 63n - 1n;

/** A canonical decimal ledger index ("0", "42"; no sign, no leading zeros), else null. */
export function parseLedgerIndex(value: unknown): bigint | null {
  if (typeof value !== "string" || !/^(0|[1-9][0-9]{0,18})$/.test(value)) return null;
  const index = BigInt(value);
  return index <= MAX_INDEX ? index : null;
}

const ZType = z.enum(LEDGER_ENTRY_TYPES as [TLedgerEntryType, ...TLedgerEntryType[]]);

/**
 * The explorer's query string (?type=&start=) read leniently: these come from links and a GET form,
 * so an unknown type or a bad start shows the unfiltered first page instead of an error.
 */
export function parseEntriesQuery(params: Record<string, string | string[] | undefined>): {
  type: TLedgerEntryType | undefined;
  start: bigint;
} {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const type = ZType.safeParse(first(params.type));
  return {
    type: type.success ? type.data : undefined,
    start: parseLedgerIndex(first(params.start)) ?? 0n,
  };
}
