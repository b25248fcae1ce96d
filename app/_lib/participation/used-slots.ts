/**
 * Which slots this browser has used for an anonymous act (IndexedDB), so the next proposal or
 * comment proves with a fresh scope. The server is the authority (a nullifier already used is
 * refused with ALREADY_ACTED); this only spares the resident a refused proof. Kept in a database
 * of its own so the identity and receipt stores are untouched.
 */
const DB_NAME = "plaza-participation";
const STORE = "slots";

interface SlotRecord {
  /** `<commitment>:<act>:<target id>` */
  key: string;
  used: number[];
}

/** The lowest slot below `limit` not in `used`, or null when every slot is used. */
export function pickSlot(used: readonly number[], limit: number): number | null {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError("limit must be a non-negative integer");
  for (let slot = 0; slot < limit; slot++) if (!used.includes(slot)) return slot;
  return null;
}

/** The key of one identity's slots for one act on one target (process or proposal). */
export function slotKey(commitment: string, act: string, targetId: string): string {
  return `${commitment}:${act}:${targetId}`;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === "undefined")
    return Promise.reject(new Error("This browser cannot keep data (IndexedDB is unavailable)."));
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: "key" });
  };
  return request(req);
}

/** The slots used under `key` (none when the browser cannot keep data). */
export async function usedSlots(key: string): Promise<number[]> {
  try {
    const db = await openDb();
    try {
      const record = (await request(db.transaction(STORE, "readonly").objectStore(STORE).get(key))) as
        | SlotRecord
        | undefined;
      return record?.used ?? [];
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/** Records `slot` as used under `key`, read and written in one transaction. */
export async function markSlotUsed(key: string, slot: number): Promise<void> {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, "readwrite");
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
    const store = tx.objectStore(STORE);
    const got = store.get(key) as IDBRequest<SlotRecord | undefined>;
    got.onsuccess = () => {
      const used = got.result?.used ?? [];
      if (!used.includes(slot)) store.put({ key, used: [...used, slot].sort((a, b) => a - b) });
    };
    await done;
  } finally {
    db.close();
  }
}
