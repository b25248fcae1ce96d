/**
 * A tiny promise wrapper over one IndexedDB object store, so the identity and receipt stores
 * share one way of opening the browser database (no dependency for four calls).
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
  delete(key: string): Promise<void>;
}

export function openIdbStore<T>(name: TStoreName): TIdbStore<T> {
  async function run<R>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> {
    const db = await openDb();
    try {
      return await request(op(db.transaction(name, mode).objectStore(name)));
    } finally {
      db.close();
    }
  }
  return {
    get: (key) => run("readonly", (s) => s.get(key) as IDBRequest<T | undefined>),
    getAll: () => run("readonly", (s) => s.getAll() as IDBRequest<T[]>),
    put: async (value) => {
      await run("readwrite", (s) => s.put(value));
    },
    delete: async (key) => {
      await run("readwrite", (s) => s.delete(key));
    },
  };
}
