import { eq } from "drizzle-orm";
import type { TBallotMethod } from "@/core/ballot";
import type { Db } from "../../db/client";
import { polls } from "../../db/schema";

/** What a vote is checked against before its proof: every rule frozen when the poll opened. */
export interface TOpenPollRules {
  readonly id: string;
  readonly scope: string;
  readonly frozenRoot: string;
  readonly method: TBallotMethod;
  readonly optionCount: number;
  /** Milliseconds since the epoch. */
  readonly closesAt: number;
}

/** Polls open at once on one instance are few; this bounds the memory a flood of poll ids could take. */
const MAX_CACHED = 256;

/**
 * Per database (tests open several in one process), the rules of polls seen open. Nothing about a
 * poll changes once it is open (create-poll and update-poll refuse it; opening freezes scope, root
 * and depth), so the rules need no invalidation. Whether the poll is *still* open is not cached:
 * castVote reads status and closing time again under the poll row's lock, inside the transaction
 * that writes the vote, and calls forgetOpenPoll when it finds the poll closed.
 */
const caches = new WeakMap<Db, Map<string, TOpenPollRules>>();

/**
 * The rules of an open poll, or undefined if there is no such poll or it is not open. A database
 * read only the first time a poll is seen open by this process: after that, each vote costs a
 * lookup instead of a round trip.
 */
export async function readOpenPollRules(db: Db, pollId: string): Promise<TOpenPollRules | undefined> {
  let cache = caches.get(db);
  const cached = cache?.get(pollId);
  if (cached) return cached;
  const [poll] = await db.select().from(polls).where(eq(polls.id, pollId));
  if (poll?.status !== "open" || poll.scope === null || poll.frozenRoot === null) return undefined;
  const rules: TOpenPollRules = {
    id: poll.id,
    scope: poll.scope,
    frozenRoot: poll.frozenRoot,
    method: poll.method,
    optionCount: poll.options.length,
    closesAt: poll.closesAt.getTime(),
  };
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  // Oldest first out (Map keeps insertion order).
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(pollId, rules);
  return rules;
}

/** Drops a poll found closed (or past its closing time) from the cache. */
export function forgetOpenPoll(db: Db, pollId: string): void {
  caches.get(db)?.delete(pollId);
}
