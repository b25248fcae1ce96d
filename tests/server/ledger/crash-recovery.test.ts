import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, desc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSignerKey } from "@/core/note";
import { type DatabaseHandle, openDatabase } from "@/server/db/client";
import { ledgerCheckpoints, ledgerEntries } from "@/server/db/schema";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { verifyStoredLedger } from "@/server/ledger/verify-stored-ledger";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { sampleEntry } from "../../helpers/sample-entries";
import { identityFromSignerKey } from "../../helpers/test-log-identity";

const root = path.resolve(import.meta.dirname, "../../..");
let t: TestDb;
let dataDir: string;
beforeAll(async () => {
  t = await createTestDb();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "plaza-crash-"));
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the append worker until it has acknowledged `acks` entries, then kills it with SIGKILL. */
function appendThenKill(target: string, signerKey: string, acks: number): Promise<Map<bigint, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(import.meta.dirname, "fixtures/append-worker.ts"),
        target,
        "1000000",
        "crash",
        signerKey,
        "300",
      ],
      { cwd: root },
    );
    const acked = new Map<bigint, string>();
    let buffer = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const [tag, index, hash] = line.split(" ");
        if (tag === "ACK" && index && hash) acked.set(BigInt(index), hash);
      }
      if (acked.size >= acks && child.exitCode === null) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`worker ended before the kill: ${err}`));
      else resolve(acked);
    });
  });
}

describe("a writer killed with SIGKILL in the middle of appends", () => {
  it("loses no acknowledged entry, and the next checkpoint is consistent with the last one signed", async () => {
    const { signerKey } = generateSignerKey("plaza.test/crash");
    const identity = identityFromSignerKey(signerKey);
    const postgres = process.env.PLAZA_TEST_DB === "postgres";
    const target = postgres ? `${t.url}?application_name=plaza-crash-worker` : path.join(dataDir, "pgdata");
    const acked = await appendThenKill(target, signerKey, 1500);
    if (postgres) {
      // The server finishes (commits or rolls back) what the dead client had in flight; such
      // transactions were never acknowledged. Wait until its backends are gone, then look.
      for (let i = 0; i < 100; i++) {
        const rows = await t.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where application_name = 'plaza-crash-worker'`,
        );
        if ((rows as unknown as { n: number }[])[0]?.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const handle: DatabaseHandle = postgres ? t : await openDatabase({ kind: "pglite", dataDir: target });
    try {
      const rows = await handle.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx));
      expect(
        rows.every((r, i) => r.idx === BigInt(i)),
        "indices are gap-free",
      ).toBe(true);
      const stored = new Map(rows.map((r) => [r.idx, createHash("sha256").update(r.data).digest("hex")]));
      for (const [index, hash] of acked) expect(stored.get(index), `acknowledged entry ${index}`).toBe(hash);

      const [lastSigned] = await handle.db
        .select()
        .from(ledgerCheckpoints)
        .orderBy(desc(ledgerCheckpoints.size))
        .limit(1);
      expect(lastSigned).toBeDefined();
      // After restart: more appends, and the next checkpoint must extend the last one signed
      // (signCheckpoint proves consistency before signing and throws otherwise).
      const writer = new LedgerWriter(handle.db);
      await Promise.all(Array.from({ length: 20 }, (_, i) => writer.append(sampleEntry(i))));
      const next = await signCheckpoint(handle.db, identity);
      expect(next?.previousSize).toBe(lastSigned?.size);
      expect(next?.size).toBe(BigInt(rows.length + 20));
      expect((await verifyStoredLedger(handle.db, identity)).problems).toEqual([]);
    } finally {
      if (!postgres) await handle.close();
    }
  });
});
