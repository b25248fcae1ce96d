import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compactRangeRoot,
  generateConsistencyProof,
  generateInclusionProof,
  hashLeaf,
  merkleTreeHash,
  verifyConsistency,
  verifyInclusion,
} from "@/core/merkle";
import { ledgerEntries, ledgerHead } from "@/server/db/schema";
import { appendEntries } from "@/server/ledger/append-entries";
import { createDbHashReader } from "@/server/ledger/create-db-hash-reader";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { readFrontier } from "@/server/ledger/read-frontier";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { sampleEntry } from "../../helpers/sample-entries";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function allEntries() {
  return t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx));
}

describe("appendEntries and LedgerWriter", () => {
  it("sequences concurrent appends without gaps or duplicates, and the stored tree matches a recomputation", async () => {
    const writer = new LedgerWriter(t.db, 64);
    const inputs = Array.from({ length: 300 }, (_, i) => sampleEntry(i));
    const indices = await Promise.all(inputs.map((b) => writer.append(b)));
    // Also append in explicit transactions, interleaved with the writer.
    await Promise.all([
      t.db.transaction((tx) => appendEntries(tx, [sampleEntry(1000), sampleEntry(1001)])),
      ...Array.from({ length: 20 }, (_, i) => writer.append(sampleEntry(2000 + i))),
    ]);
    expect(new Set(indices.map(String)).size).toBe(300);

    const rows = await allEntries();
    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => BigInt(i)));
    // Each writer promise resolved with the index its bytes really got.
    inputs.forEach((bytes, i) => {
      expect(rows[Number(indices[i])]?.data).toEqual(bytes);
    });

    const leaves = rows.map((r) => hashLeaf(r.data));
    const [head] = await t.db.select().from(ledgerHead);
    if (!head) throw new Error("no head");
    expect(head.size).toBe(BigInt(rows.length));
    const root = compactRangeRoot(readFrontier(head.size, head.frontier));
    expect(root).toEqual(merkleTreeHash(leaves));

    // Proofs built from the stored subtrees verify against that root.
    const read = createDbHashReader(t.db);
    for (const index of [0n, 1n, 150n, head.size - 1n]) {
      const proof = await generateInclusionProof({ index, size: head.size, readHashes: read });
      expect(
        verifyInclusion({
          index,
          size: head.size,
          leafHash: leaves[Number(index)] as Uint8Array,
          proof,
          root,
        }),
      ).toBe(true);
    }
    for (const size1 of [1n, 7n, 256n, 299n]) {
      const proof = await generateConsistencyProof({ size1, size2: head.size, readHashes: read });
      const root1 = merkleTreeHash(leaves.slice(0, Number(size1)));
      expect(verifyConsistency({ size1, size2: head.size, root1, root2: root, proof })).toBe(true);
    }
  });

  it("serves a caller that appends one entry at a time, each after the previous was acknowledged", async () => {
    const writer = new LedgerWriter(t.db);
    const indices: bigint[] = [];
    // Each append is issued from the continuation of the previous one: the moment a batch
    // resolves. A writer that cleared its "flushing" flag too late would strand the second one.
    for (let i = 0; i < 5; i++) indices.push(await writer.append(sampleEntry(3000 + i)));
    expect(indices.map((x) => x - (indices[0] as bigint))).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it("refuses an entry that is not a known canonical type, writing nothing", async () => {
    const before = (await allEntries()).length;
    const bad = new TextEncoder().encode('{"type":"nonsense","v":1}');
    await expect(t.db.transaction((tx) => appendEntries(tx, [sampleEntry(1), bad]))).rejects.toMatchObject({
      code: "LEDGER_ENTRY_INVALID",
    });
    await expect(new LedgerWriter(t.db).append(bad)).rejects.toMatchObject({ code: "LEDGER_ENTRY_INVALID" });
    expect((await allEntries()).length).toBe(before);
  });

  it("leaves no trace of an append whose transaction rolled back", async () => {
    const before = (await allEntries()).length;
    await expect(
      t.db.transaction(async (tx) => {
        await appendEntries(tx, [sampleEntry(5)]);
        throw new Error("domain failure after the append");
      }),
    ).rejects.toThrow("domain failure");
    const rows = await allEntries();
    expect(rows.length).toBe(before);
    const r = await new LedgerWriter(t.db).append(sampleEntry(6));
    expect(r).toBe(BigInt(before));
  });
});
