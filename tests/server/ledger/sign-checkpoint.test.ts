import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckpoint } from "@/core/checkpoint";
import { hashLeaf, merkleTreeHash, verifyConsistency, verifyInclusion } from "@/core/merkle";
import { decodeEntryBundle } from "@/core/tiles";
import { ledgerEntries, ledgerSubtrees } from "@/server/db/schema";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { verifyStoredLedger } from "@/server/ledger/verify-stored-ledger";
import { getLatestCheckpoint } from "@/server/services/ledger/get-latest-checkpoint";
import { getConsistencyProof, getInclusionProof } from "@/server/services/ledger/get-proofs";
import { listEntries } from "@/server/services/ledger/list-entries";
import { readTile } from "@/server/services/ledger/read-tile";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { sampleEntry } from "../../helpers/sample-entries";
import { testLogIdentity } from "../../helpers/test-log-identity";

let t: TestDb;
const identity = testLogIdentity();
let entries: Uint8Array[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function append(n: number) {
  const writer = new LedgerWriter(t.db);
  const batch = Array.from({ length: n }, (_, i) => sampleEntry(entries.length + i));
  await Promise.all(batch.map((b) => writer.append(b)));
  const rows = await t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx));
  entries = rows.map((r) => r.data);
}

describe("signCheckpoint and the read API", () => {
  it("signs a checkpoint only when the tree grew, each one consistent with the last", async () => {
    expect(await signCheckpoint(t.db, identity)).toBeNull();
    await append(300);
    const first = await signCheckpoint(t.db, identity);
    expect(first?.size).toBe(300n);
    expect(await signCheckpoint(t.db, identity)).toBeNull();

    const latest = await getLatestCheckpoint(t.db);
    const opened = openCheckpoint({
      note: latest?.note ?? "",
      origin: identity.origin,
      verifiers: [identity.verifier],
    });
    expect(opened?.checkpoint.size).toBe(300n);
    expect(opened?.checkpoint.rootHash).toEqual(merkleTreeHash(entries.map(hashLeaf)));
    // Another log's key does not open it.
    expect(
      openCheckpoint({
        note: latest?.note ?? "",
        origin: identity.origin,
        verifiers: [testLogIdentity().verifier],
      }),
    ).toBeNull();

    await append(10);
    const second = await signCheckpoint(t.db, identity);
    expect(second).toMatchObject({ size: 310n, previousSize: 300n });
    const consistency = await getConsistencyProof(t.db, { from: "300", to: "310" });
    expect(
      verifyConsistency({
        size1: 300n,
        size2: 310n,
        root1: first?.root as Uint8Array,
        root2: second?.root as Uint8Array,
        proof: consistency.proof,
      }),
    ).toBe(true);
  });

  it("serves inclusion proofs against signed sizes only", async () => {
    const p = await getInclusionProof(t.db, { index: "5" });
    const root = merkleTreeHash(entries.map(hashLeaf));
    expect(verifyInclusion({ index: 5n, size: p.size, leafHash: p.leafHash, proof: p.proof, root })).toBe(
      true,
    );
    await expect(getInclusionProof(t.db, { index: "5", size: "123" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getInclusionProof(t.db, { index: "310" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getInclusionProof(t.db, { index: "-1" })).rejects.toThrow();
  });

  it("serves c2sp tlog-tiles hash tiles and entry bundles", async () => {
    const leaves = entries.map(hashLeaf);
    const full = await readTile(t.db, "tile/0/000");
    expect(full.full).toBe(true);
    expect(Buffer.from(full.body)).toEqual(Buffer.concat(leaves.slice(0, 256)));
    const partial = await readTile(t.db, "tile/0/001.p/54");
    expect(Buffer.from(partial.body)).toEqual(Buffer.concat(leaves.slice(256, 310)));
    const level1 = await readTile(t.db, "tile/1/000.p/1");
    expect(Buffer.from(level1.body)).toEqual(Buffer.from(merkleTreeHash(leaves.slice(0, 256))));
    const bundle = await readTile(t.db, "tile/entries/000");
    expect(decodeEntryBundle(bundle.body).map((e) => Buffer.from(e))).toEqual(
      entries.slice(0, 256).map((e) => Buffer.from(e)),
    );
    await expect(readTile(t.db, "tile/0/001")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readTile(t.db, "tile/0/001.p/55")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readTile(t.db, "tile/0/1")).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(readTile(t.db, "tile/entries/000.p/256")).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("lists entries by type with paging", async () => {
    const page = await listEntries(t.db, { start: "0", limit: "100", type: "district_created" });
    expect(page.entries).toHaveLength(100);
    expect(page.nextStart).toBe(100n);
    await expect(listEntries(t.db, { type: "not-a-type" as "vote" })).rejects.toThrow();
  });

  it("detects an UPDATE or DELETE of a stored row, naming the index, and then refuses to sign", async () => {
    expect((await verifyStoredLedger(t.db, identity)).problems).toEqual([]);

    const original = entries[7] as Uint8Array;
    await t.db
      .update(ledgerEntries)
      .set({ data: sampleEntry(99_999) })
      .where(eq(ledgerEntries.idx, 7n));
    const updated = await verifyStoredLedger(t.db, identity);
    expect(updated.problems[0]).toMatchObject({
      index: 7n,
      message: "entry 7 does not match its stored leaf hash",
    });
    await t.db.update(ledgerEntries).set({ data: original }).where(eq(ledgerEntries.idx, 7n));

    const row42 = (await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, 42n)))[0];
    await t.db.delete(ledgerEntries).where(eq(ledgerEntries.idx, 42n));
    const deleted = await verifyStoredLedger(t.db, identity);
    expect(deleted.problems[0]).toMatchObject({ index: 42n, message: "entry 42 is missing" });
    if (row42) await t.db.insert(ledgerEntries).values(row42);
    expect((await verifyStoredLedger(t.db, identity)).problems).toEqual([]);

    // A rewritten interior hash: the next checkpoint would disagree with the last, so none is signed.
    await t.db.execute(
      sql`update ledger_subtrees set hash = ${Buffer.alloc(32, 1)} where level = 8 and idx = 0`,
    );
    await append(5);
    await expect(signCheckpoint(t.db, identity)).rejects.toMatchObject({ code: "LEDGER_CORRUPT" });
    const damaged = await verifyStoredLedger(t.db, identity);
    expect(damaged.problems[0]?.message).toBe("stored hash of leaves 0..255 does not match the entries");
    const nodes = await t.db.select().from(ledgerSubtrees).where(eq(ledgerSubtrees.level, 8));
    expect(nodes).toHaveLength(1);
  });
});
