import { asc } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryHashReader,
  generateConsistencyProof,
  generateInclusionProof,
  hashLeaf,
  merkleTreeHash,
  verifyConsistency,
  verifyInclusion,
} from "@/core/merkle";
import { verifyTlogProof } from "@/core/tlog-proof";
import { ledgerEntries } from "@/server/db/schema";
import { createDbHashReader } from "@/server/ledger/create-db-hash-reader";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { getReceipt } from "@/server/services/ledger/get-receipt";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { sampleEntry } from "../../../helpers/sample-entries";
import { testLogIdentity } from "../../../helpers/test-log-identity";

let t: TestDb;
const identity = testLogIdentity("plaza.test/receipts");
let leaves: Uint8Array[] = [];
let data: Uint8Array[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const writer = new LedgerWriter(t.db);
  // Several checkpoints along the way, like a live log.
  for (const n of [1, 40, 200, 313]) {
    const have = (await t.db.select().from(ledgerEntries)).length;
    await Promise.all(Array.from({ length: n - have }, (_, i) => writer.append(sampleEntry(have + i))));
    await signCheckpoint(t.db, identity);
  }
  const rows = await t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx));
  data = rows.map((r) => r.data);
  leaves = data.map(hashLeaf);
});
afterAll(() => t.close());

describe("getReceipt", () => {
  it("returns a c2sp tlog-proof receipt that verifies offline with only the entry and the log key", async () => {
    const receipt = await getReceipt(t.db, { index: "17" });
    expect(receipt.startsWith("c2sp.org/tlog-proof@v1\nindex 17\n")).toBe(true);
    const check = (entry: Uint8Array, verifier = identity.verifier) =>
      verifyTlogProof({
        proof: receipt,
        leafHash: hashLeaf(entry),
        origin: identity.origin,
        logVerifiers: [verifier],
      });
    expect(check(data[17] as Uint8Array)?.index).toBe(17n);
    // Another entry's bytes, or another log's key, do not verify.
    expect(check(data[18] as Uint8Array)).toBeNull();
    expect(check(data[17] as Uint8Array, testLogIdentity("plaza.test/receipts").verifier)).toBeNull();
  });

  it("refuses an index beyond the signed tree, or a malformed one", async () => {
    await expect(getReceipt(t.db, { index: "313" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getReceipt(t.db, { index: "x" })).rejects.toThrow();
  });
});

describe("proofs built from the stored tree", () => {
  it("equal the proofs of an independent in-memory tree, so every one verifies (property)", async () => {
    const db = createDbHashReader(t.db);
    const memory = createMemoryHashReader(leaves);
    const n = leaves.length;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: n }),
        fc.integer({ min: 0, max: n - 1 }),
        async (size, i) => {
          const index = BigInt(i % size);
          const s = BigInt(size);
          const fromDb = await generateInclusionProof({ index, size: s, readHashes: db });
          expect(fromDb).toEqual(await generateInclusionProof({ index, size: s, readHashes: memory }));
          const root = merkleTreeHash(leaves.slice(0, size));
          const leafHash = leaves[Number(index)] as Uint8Array;
          expect(verifyInclusion({ index, size: s, leafHash, proof: fromDb, root })).toBe(true);
          const size1 = index > 0n ? index : 1n;
          const proof = await generateConsistencyProof({ size1, size2: s, readHashes: db });
          const root1 = merkleTreeHash(leaves.slice(0, Number(size1)));
          expect(verifyConsistency({ size1, size2: s, root1, root2: root, proof })).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
