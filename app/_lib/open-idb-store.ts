/**
 * A tiny promise wrapper over one IndexedDB object store, so the identity and receipt stores
 * share one way of opening the browser database (no dependency for a handful of calls).
 *
 * Writes resolve when their transaction has COMMITTED (`oncomplete`), not when the request
 * succeeded: a request's success only means the change is queued, and a tab closed right after
 * would lose it. A secret identity is written before the server spends an invitation code on it,
 * so "saved" has to mean durable.
 */
const DB_NAME = "plaza";
const DB_VERSION = 1;
/** Every store of the "plaza" database; opening it creates the missing ones. */
const STORES = { identities: "districtId", receipts: "entryIndex" } as const;
export type TStoreName = keyof typeof STORES;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

/** Settles once the transaction is durable (complete) or failed (error, abort). */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === "undefined") {
    return Promise.reject(new Error("This browser cannot keep data (IndexedDB is unavailable)."));
  }
  const req = indexedDB.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    for (const [name, keyPath] of Object.entries(STORES)) {
      if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath });
    }
  };
  return request(req);
}

export interface TIdbStore<T> {
  get(key: string): Promise<T | undefined>;
  getAll(): Promise<T[]>;
  put(value: T): Promise<void>;
  /**
   * Reads the record under `key` and writes what `change` makes of it, in ONE readwrite
   * transaction (so two tabs cannot interleave between the read and the write). `change` returns
   * the record to store, or null to leave the store as it is; it must not await anything (an
   * IndexedDB transaction closes at the first await on something else). Resolves with the record
   * that was read once the write is durable.
   */
  update(key: string, change: (current: T | undefined) => T | null): Promise<T | undefined>;
  delete(key: string): Promise<void>;
}

export function openIdbStore<T>(name: TStoreName): TIdbStore<T> {
  async function read<R>(op: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> {
    const db = await openDb();
    try {
      return await request(op(db.transaction(name, "readonly").objectStore(name)));
    } finally {
      db.close();
    }
  }
  async function write(op: (s: IDBObjectStore) => void): Promise<void> {
    const db = await openDb();
    try {
      const tx = db.transaction(name, "readwrite");
      const done = committed(tx);
      op(tx.objectStore(name));
      await done;
    } finally {
      db.close();
    }
  }
  return {
    get: (key) => read((s) => s.get(key) as IDBRequest<T | undefined>),
    getAll: () => read((s) => s.getAll() as IDBRequest<T[]>),
    put: (value) => write((s) => void s.put(value)),
    update: async (key, change) => {
      let current: T | undefined;
      let failure: { error: unknown } | undefined;
      try {
        await write((s) => {
          const got = s.get(key) as IDBRequest<T | undefined>;
          got.onsuccess = () => {
            current = got.result;
            try {
              const next = change(current);
              if (next !== null) s.put(next);
            } catch (error) {
              failure = { error };
              s.transaction.abort();
            }
          };
        });
      } catch (e) {
        throw failure ? failure.error : e;
      }
      return current;
    },
    delete: (key) => write((s) => void s.delete(key)),
  };
}
