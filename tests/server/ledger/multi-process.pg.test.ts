import { spawn } from "node:child_process";
import path from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashLeaf, merkleTreeHash } from "@/core/merkle";
import { generateSignerKey } from "@/core/note";
import { ledgerCheckpoints, ledgerEntries } from "@/server/db/schema";
import { verifyStoredLedger } from "@/server/ledger/verify-stored-ledger";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { identityFromSignerKey } from "../../helpers/test-log-identity";

const root = path.resolve(import.meta.dirname, "../../..");
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

function runWorker(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "fixtures/append-worker.ts"), ...args],
      {
        cwd: root,
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

describe("the ledger with two app processes on one PostgreSQL", () => {
  it("sequences 5,000 concurrent appends with no gap or duplicate, every checkpoint consistent with every earlier one", async () => {
    const { signerKey } = generateSignerKey("plaza.test/multi");
    const [a, b] = await Promise.all([
      runWorker([t.url as string, "2500", "a", signerKey, "250"]),
      runWorker([t.url as string, "2500", "b", signerKey, "250"]),
    ]);
    expect(a.err, a.err).toBe("");
    expect(b.err, b.err).toBe("");
    expect([a.code, b.code]).toEqual([0, 0]);

    const rows = await t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx));
    expect(rows).toHaveLength(5000);
    expect(rows.every((r, i) => r.idx === BigInt(i))).toBe(true);
    // Every acknowledged index is distinct across both processes and holds that process's entry.
    const acks = `${a.out}${b.out}`.split("\n").filter((l) => l.startsWith("ACK "));
    expect(acks).toHaveLength(5000);
    expect(new Set(acks.map((l) => l.split(" ")[1])).size).toBe(5000);

    // Each signed checkpoint's root is the root of the first `size` entries: so each one is
    // consistent with every earlier one (they are all prefixes of one sequence).
    const leaves = rows.map((r) => hashLeaf(r.data));
    const checkpoints = await t.db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.size));
    expect(checkpoints.length).toBeGreaterThan(2);
    expect(checkpoints.at(-1)?.size).toBe(5000n);
    for (const c of checkpoints) {
      expect(
        Buffer.from(c.root).equals(Buffer.from(merkleTreeHash(leaves.slice(0, Number(c.size))))),
        `checkpoint ${c.size}`,
      ).toBe(true);
    }
    expect((await verifyStoredLedger(t.db, identityFromSignerKey(signerKey))).problems).toEqual([]);
  });
});
