import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerCheckpoints } from "@/server/db/schema";
import { startLedgerRuntime } from "@/server/ledger/ledger-runtime";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { sampleEntry } from "../../helpers/sample-entries";
import { testLogIdentity } from "../../helpers/test-log-identity";

let t: TestDb;
const identity = testLogIdentity("plaza.test/runtime");
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function eventually<T>(probe: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not met within 10 s");
}

describe("the checkpoint schedule", () => {
  it("signs no second checkpoint within the minimum interval, on any instance", async () => {
    // A plain writer: nothing signs in the background, so each call below is the only signer.
    const writer = new LedgerWriter(t.db);
    await writer.append(sampleEntry(1));
    expect((await signCheckpoint(t.db, identity, { minIntervalMs: 60_000 }))?.size).toBe(1n);
    await writer.append(sampleEntry(2));
    // Another instance (same database) asking right away is told to wait.
    expect(await signCheckpoint(t.db, identity, { minIntervalMs: 60_000 })).toBeNull();
    // Without the rule (checkpointNow at start-up), the grown tree is signed.
    expect((await signCheckpoint(t.db, identity))?.size).toBe(2n);
  });

  it("signs an entry appended through the runtime without further prompting, spacing checkpoints by the interval", async () => {
    const interval = 300;
    const runtime = startLedgerRuntime(t.db, identity, interval);
    try {
      for (let i = 0; i < 3; i++) {
        const index = await runtime.writer.append(sampleEntry(10 + i));
        await eventually(async () => {
          const rows = await t.db.select().from(ledgerCheckpoints);
          return rows.some((r) => r.size > index);
        });
      }
      const rows = await t.db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.size));
      const times = rows.slice(-3).map((r) => r.createdAt.getTime());
      for (let i = 1; i < times.length; i++) {
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(interval - 5);
      }
    } finally {
      runtime.stop();
    }
  });
});
