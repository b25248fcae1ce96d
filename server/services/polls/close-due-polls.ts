import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { tallyPoll } from "@/core/ballot";
import { decodeEntry, encodeEntry } from "@/core/entries";
import type { Db } from "../../db/client";
import { ledgerEntries, ledgerHead, polls, votes } from "../../db/schema";
import { appendEntries } from "../../ledger/append-entries";

/**
 * Closes every open poll whose closing time has passed, exactly once across instances (FOR UPDATE
 * SKIP LOCKED). The tally is the pure core/ballot function over the poll's vote entries as stored
 * in the ledger (decoded from their bytes, not from the votes index), and the poll_closed entry
 * records the counts, turnout, census size and the ledger size the tally covers. Votes take the
 * poll row FOR SHARE, so none can land after the tally was taken.
 */
export async function closeDuePolls(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(polls)
      .where(and(eq(polls.status, "open"), lte(polls.closesAt, sql`now()`)))
      .orderBy(asc(polls.closesAt))
      .limit(20)
      .for("update", { skipLocked: true });
    const closed: string[] = [];
    for (const poll of due) {
      const indexRows = await tx
        .select({ idx: votes.entryIndex })
        .from(votes)
        .where(eq(votes.pollId, poll.id));
      const entries =
        indexRows.length === 0
          ? []
          : await tx
              .select()
              .from(ledgerEntries)
              .where(
                inArray(
                  ledgerEntries.idx,
                  indexRows.map((r) => r.idx),
                ),
              );
      const cast = entries.map((row) => {
        const e = decodeEntry(row.data);
        if (e.type !== "vote" || e.pollId !== poll.id)
          throw new Error(`ledger entry ${row.idx} is not a vote of poll ${poll.id}`);
        return { index: row.idx, nullifier: e.proof.nullifier, sequence: e.sequence, ballot: e.ballot };
      });
      const tally = tallyPoll(poll.method, poll.options.length, cast);
      // The poll_closed entry is appended under the head lock; its own index is the ledger size
      // the tally covers (every entry before it).
      const [head] = await tx
        .select({ size: ledgerHead.size })
        .from(ledgerHead)
        .where(eq(ledgerHead.id, 1))
        .for("update");
      const size = head?.size ?? 0n;
      const { firstIndex } = await appendEntries(tx, [
        encodeEntry({
          v: 1,
          type: "poll_closed",
          pollId: poll.id,
          counts: tally.counts,
          turnout: tally.turnout,
          censusSize: poll.censusSize ?? 0,
          ledgerSize: Number(size),
          time: poll.closesAt.toISOString(),
          ...(tally.rounds === undefined ? {} : { rounds: tally.rounds, winner: tally.winner ?? null }),
          ...(tally.funded === undefined ? {} : { funded: tally.funded }),
        }),
      ]);
      await tx.update(polls).set({ status: "closed", closedEntry: firstIndex }).where(eq(polls.id, poll.id));
      closed.push(poll.id);
    }
    return closed;
  });
}
