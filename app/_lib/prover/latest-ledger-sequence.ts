import { getAnonymous } from "./anonymous-request";

interface EntriesPage {
  entries: { index: string; type: string; entry: unknown }[];
  nextStart: string | null;
}

/**
 * The highest sequence number among the vote entries of `pollId` that carry `nullifier`, or -1.
 * Entries of other types or polls are ignored, and so is anything malformed.
 */
export function highestSequence(
  entries: readonly { entry: unknown }[],
  pollId: string,
  nullifier: string,
): number {
  let highest = -1;
  for (const { entry } of entries) {
    const e = entry as {
      type?: unknown;
      pollId?: unknown;
      sequence?: unknown;
      proof?: { nullifier?: unknown };
    };
    if (e?.type !== "vote" || e.pollId !== pollId || e.proof?.nullifier !== nullifier) continue;
    if (Number.isSafeInteger(e.sequence) && (e.sequence as number) > highest) highest = e.sequence as number;
  }
  return highest;
}

/**
 * The last sequence number the public ledger holds for this voter in this poll, found by reading
 * every vote entry since the poll opened (the same pages anyone reads), never by asking the server
 * about one nullifier. Needed when this browser has no receipt for a vote cast from another device
 * with the same identity (imported from a backup): the server refuses a sequence at or below it.
 */
export async function latestLedgerSequence(
  pollId: string,
  openedEntry: string,
  nullifier: string,
): Promise<number> {
  let highest = -1;
  let start: string | null = openedEntry;
  for (let pages = 0; start !== null && pages < 10_000; pages++) {
    const page: EntriesPage = await getAnonymous<EntriesPage>(
      `/ledger/json/entries?type=vote&limit=500&start=${encodeURIComponent(start)}`,
    );
    highest = Math.max(highest, highestSequence(page.entries, pollId, nullifier));
    start = page.nextStart;
  }
  return highest;
}
