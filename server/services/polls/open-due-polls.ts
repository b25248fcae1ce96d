import { and, asc, eq, lte, sql } from "drizzle-orm";
import { pollScope } from "@/core/ballot";
import { encodeEntry } from "@/core/entries";
import type { Db } from "../../db/client";
import { polls } from "../../db/schema";
import { appendEntries } from "../../ledger/append-entries";
import { frozenCensus } from "../census/frozen-census";

/**
 * Opens every scheduled poll whose time has come and whose district census has at least its
 * minimum anonymity set of (not removed) members. Opening freezes the census root, depth and size,
 * derives the poll's Semaphore scope, and records every rule in a poll_opened ledger entry, all in
 * one transaction. Rows are claimed with FOR UPDATE SKIP LOCKED, so with several instances each
 * poll is opened exactly once. Lock order: poll row, census row, ledger head (as joins: census,
 * ledger head), so openings and joins cannot deadlock. A poll whose census is too small stays
 * scheduled and is tried again on the next tick.
 */
export async function openDuePolls(db: Db, origin: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(polls)
      .where(and(eq(polls.status, "scheduled"), lte(polls.opensAt, sql`now()`)))
      .orderBy(asc(polls.opensAt))
      .limit(20)
      .for("update", { skipLocked: true });
    const opened: string[] = [];
    for (const poll of due) {
      const { root, depth, size: members } = await frozenCensus(tx, poll.districtId);
      if (members < poll.minAnonymitySet) continue;
      const scope = pollScope(origin, poll.id).toString();
      const { firstIndex } = await appendEntries(tx, [
        encodeEntry({
          v: 1,
          type: "poll_opened",
          pollId: poll.id,
          districtId: poll.districtId,
          title: poll.title,
          options: poll.options,
          method: poll.method,
          opensAt: poll.opensAt.toISOString(),
          closesAt: poll.closesAt.toISOString(),
          scope,
          root,
          depth,
          censusSize: members,
          minAnonymitySet: poll.minAnonymitySet,
        }),
      ]);
      await tx
        .update(polls)
        .set({ status: "open", scope, frozenRoot: root, depth, censusSize: members, openedEntry: firstIndex })
        .where(eq(polls.id, poll.id));
      opened.push(poll.id);
    }
    return opened;
  });
}
