import type { StoredReceipt } from "@/core/receipt/receipt-record";
import { openIdbStore } from "./open-idb-store";

export type { StoredReceipt };

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
