import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { openIdbStore } from "@/app/_lib/open-idb-store";

interface Row {
  entryIndex: string;
  n: number;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe("openIdbStore", () => {
  it("resolves a write once committed, so another connection reads it", async () => {
    await openIdbStore<Row>("receipts").put({ entryIndex: "7", n: 1 });
    expect(await openIdbStore<Row>("receipts").get("7")).toEqual({ entryIndex: "7", n: 1 });
    await openIdbStore<Row>("receipts").delete("7");
    expect(await openIdbStore<Row>("receipts").getAll()).toEqual([]);
  });

  it("updates from the record it read, in one transaction, and returns that record", async () => {
    const store = openIdbStore<Row>("receipts");
    expect(await store.update("7", (r) => ({ entryIndex: "7", n: (r?.n ?? 0) + 1 }))).toBeUndefined();
    // Ten concurrent read-modify-writes: none lost, since each reads and writes in one transaction.
    await Promise.all(
      Array.from({ length: 10 }, () => store.update("7", (r) => ({ entryIndex: "7", n: (r?.n ?? 0) + 1 }))),
    );
    expect(await store.get("7")).toEqual({ entryIndex: "7", n: 11 });
    expect(await store.update("7", () => null)).toEqual({ entryIndex: "7", n: 11 });
    expect(await store.get("7")).toEqual({ entryIndex: "7", n: 11 });
  });

  it("writes nothing and rethrows when the change throws", async () => {
    const store = openIdbStore<Row>("receipts");
    await store.put({ entryIndex: "7", n: 1 });
    const boom = new RangeError("no");
    await expect(
      store.update("7", () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await store.get("7")).toEqual({ entryIndex: "7", n: 1 });
  });
});
