/**
 * The sequence number of this browser's next vote in a poll. The server counts a voter's vote with
 * the highest sequence and refuses one at or below the last it accepted (STALE_SEQUENCE), so a
 * change of vote must go higher: one above every receipt kept for the poll and every sequence
 * already tried in this page (a vote may have been recorded even if its answer never arrived).
 * Gaps are harmless; only the order matters.
 */
export function nextSequence(
  receipts: readonly { pollId: string; sequence: number }[],
  pollId: string,
  lastTried = -1,
): number {
  let next = lastTried + 1;
  for (const r of receipts) {
    if (r.pollId === pollId && r.sequence + 1 > next) next = r.sequence + 1;
  }
  return next;
}
