import { openIdbStore } from "./open-idb-store";

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

const store = () => openIdbStore<StoredReceipt>("receipts");

export async function saveReceipt(receipt: StoredReceipt): Promise<void> {
  await store().put(receipt);
}

/** Every receipt in this browser, newest first. */
export async function listReceipts(): Promise<StoredReceipt[]> {
  const all = await store().getAll();
  return all.sort((a, b) => (BigInt(b.entryIndex) > BigInt(a.entryIndex) ? 1 : -1));
}

export async function getReceipt(entryIndex: string): Promise<StoredReceipt | undefined> {
  return store().get(entryIndex);
}
