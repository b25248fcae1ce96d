/**
 * A vote receipt kept in the resident's browser (IndexedDB), never on the server: which ledger
 * entry holds the vote, and once a signed checkpoint covers it, the c2sp.org/tlog-proof that
 * proves the entry is in the log. The ballot is kept so the resident can see what they chose.
 */
export interface StoredReceipt {
  /** Ledger index of the vote entry (decimal string; the key). */
  entryIndex: string;
  pollId: string;
  districtSlug: string;
  pollTitle: string;
  ballot: number[];
  sequence: number;
  nullifier: string;
  /** ISO time the server accepted the vote. */
  castAt: string;
  /** c2sp.org/tlog-proof text, fetched from /ledger/receipt once a checkpoint covers the entry. */
  tlogProof?: string;
}
