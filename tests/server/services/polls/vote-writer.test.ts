import { type SemaphoreProof, verifyProof } from "@semaphore-protocol/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry } from "@/core/entries";
import { ledgerEntries, ledgerHead, votes } from "@/server/db/schema";
import { castVote, checkVote } from "@/server/services/polls/cast-vote";
import { VoteWriter } from "@/server/services/polls/vote-writer";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { makeVoteBatchFixture, type VoteBatchFixture } from "./vote-batch-fixture";

let t: TestDb;
let f: VoteBatchFixture;
const verify = { verifyProof: (p: unknown) => verifyProof(p as SemaphoreProof) };

beforeAll(async () => {
  t = await createTestDb();
  f = await makeVoteBatchFixture(t.db, { residents: 12 });
}, 120_000);
afterAll(() => t.close());

const checked = async (who: number, ballot: number[], sequence: number) =>
  checkVote(t.db, await f.vote(who, ballot, sequence), verify);
const ledgerSize = async () =>
  (await t.db.select({ size: ledgerHead.size }).from(ledgerHead).where(eq(ledgerHead.id, 1)))[0]?.size ?? 0n;
const settle = (p: Promise<{ entryIndex: bigint; replaced: boolean; duplicate: boolean }>) =>
  p.then(
    (r) => `OK ${r.entryIndex} ${r.duplicate ? "duplicate" : r.replaced ? "replaced" : "new"}`,
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("VoteWriter", () => {
  it("answers sequence 0 then 1 of one voter, submitted at once, as if they came one after the other", async () => {
    const [v0, v1] = [await checked(0, [0], 0), await checked(0, [1], 1)];
    const writer = new VoteWriter(t.db);
    const size = await ledgerSize();
    expect(await Promise.all([settle(writer.write(v0)), settle(writer.write(v1))])).toEqual([
      `OK ${size} new`,
      `OK ${size + 1n} replaced`,
    ]);
  }, 60_000);

  it("answers sequence 1 then 0 of one voter, submitted at once, as if they came one after the other", async () => {
    const [v1, v0] = [await checked(1, [1], 1), await checked(1, [0], 0)];
    const writer = new VoteWriter(t.db);
    const size = await ledgerSize();
    expect(await Promise.all([settle(writer.write(v1)), settle(writer.write(v0))])).toEqual([
      `OK ${size} new`,
      "STALE_SEQUENCE",
    ]);
    expect(await ledgerSize()).toBe(size + 1n);
  }, 60_000);

  it("fails every vote of a batch that fails to write, writes none of them, and takes them again after", async () => {
    const good = [await checked(2, [0], 0), await checked(3, [2], 0)];
    // Bytes that are not a canonical vote entry: the ledger refuses them inside the transaction.
    const broken = {
      ...(good[0] as (typeof good)[0]),
      nullifier: "7",
      bytes: new TextEncoder().encode("{}"),
    };
    const writer = new VoteWriter(t.db);
    const size = await ledgerSize();
    const answers = await Promise.all([...good, broken].map((v) => settle(writer.write(v))));
    expect(answers).toEqual(["LEDGER_ENTRY_INVALID", "LEDGER_ENTRY_INVALID", "LEDGER_ENTRY_INVALID"]);
    expect(await ledgerSize()).toBe(size);
    expect(
      await t.db
        .select()
        .from(votes)
        .where(eq(votes.nullifier, good[0]?.nullifier as string)),
    ).toEqual([]);
    expect(await Promise.all(good.map((v) => settle(writer.write(v))))).toEqual([
      `OK ${size} new`,
      `OK ${size + 1n} new`,
    ]);
  }, 60_000);
});

describe("castVote under concurrent load", () => {
  it("gives concurrent votes of different voters distinct receipts that hold exactly their entries", async () => {
    const requests = await Promise.all([4, 5, 6, 7, 8, 9, 10, 11].map((who) => f.vote(who, [who % 3], 0)));
    const size = await ledgerSize();
    const receipts = await Promise.all(requests.map((r) => castVote(t.db, r, verify)));
    expect(receipts.every((r) => !r.duplicate && !r.replaced)).toBe(true);
    expect(new Set(receipts.map((r) => r.entryIndex)).size).toBe(requests.length);
    expect(await ledgerSize()).toBe(size + BigInt(requests.length));
    for (const [i, receipt] of receipts.entries()) {
      const [row] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.idx, receipt.entryIndex));
      const entry = decodeEntry(row?.data as Uint8Array);
      expect(entry, `vote ${i}`).toMatchObject({
        type: "vote",
        ballot: requests[i]?.ballot,
        proof: { nullifier: requests[i]?.proof.nullifier },
      });
    }
  }, 60_000);
});
