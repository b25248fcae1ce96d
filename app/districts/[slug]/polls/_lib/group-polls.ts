interface PollTimes {
  status: "scheduled" | "open" | "closed";
  opensAt: Date;
  closesAt: Date;
  minAnonymitySet: number;
}

export interface GroupedPolls<P extends PollTimes> {
  /** Open for voting, closing soonest first. */
  open: P[];
  /** Not open yet, opening soonest first. `waiting`: its time has come, but the census is too small. */
  scheduled: (P & { waiting: boolean })[];
  /** Closed, most recently closed first. */
  closed: P[];
}

/**
 * A district's polls as a resident scans them: what can be voted on now, what comes next, and
 * what is decided. A scheduled poll whose opening time has passed has not opened only because
 * its district's census is still below the poll's minimum anonymity set (the scheduler opens it
 * on the next tick once enough residents have joined), so it is marked as waiting.
 */
export function groupPolls<P extends PollTimes>(polls: readonly P[], now: Date): GroupedPolls<P> {
  const byTime = (key: "opensAt" | "closesAt", dir: 1 | -1) => (a: P, b: P) =>
    dir * (a[key].getTime() - b[key].getTime());
  return {
    open: polls.filter((p) => p.status === "open").sort(byTime("closesAt", 1)),
    scheduled: polls
      .filter((p) => p.status === "scheduled")
      .sort(byTime("opensAt", 1))
      .map((p) => ({ ...p, waiting: p.opensAt.getTime() <= now.getTime() })),
    closed: polls.filter((p) => p.status === "closed").sort(byTime("closesAt", -1)),
  };
}
