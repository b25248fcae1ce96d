export interface CastVote {
  /** Ledger index of the vote entry; ties in sequence are impossible once the writer refused them. */
  index: bigint;
  nullifier: string;
  sequence: number;
  ballot: readonly number[];
}

/**
 * The latest vote of each voter: for each nullifier, the vote with the highest sequence number.
 * Earlier votes stay in the ledger but do not count. Votes whose sequence does not exceed the
 * voter's previous one are ignored (the server refuses them; a recount must agree either way).
 */
export function latestVotes(votes: readonly CastVote[]): CastVote[] {
  const latest = new Map<string, CastVote>();
  for (const v of [...votes].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))) {
    const prev = latest.get(v.nullifier);
    if (!prev || v.sequence > prev.sequence) latest.set(v.nullifier, v);
  }
  return [...latest.values()].sort((a, b) => (a.index < b.index ? -1 : 1));
}
