import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckpoint } from "@/core/checkpoint";
import { encodeEntry } from "@/core/entries";
import { hashLeaf, verifyInclusion } from "@/core/merkle";
import { createCaller } from "@/server/api/root";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { sampleEntry } from "../../../helpers/sample-entries";
import { testLogIdentity } from "../../../helpers/test-log-identity";

// verifierKey reads the process-wide ledger runtime; the test puts a runtime with its own identity
// where getLedgerRuntime looks for it.

let t: TestDb;
const identity = testLogIdentity();
const districtId = randomUUID();
const caller = () => createCaller({ db: t.db, actor: null, locale: "en" });

function riverside(): Uint8Array {
  return encodeEntry({
    v: 1,
    type: "district_created",
    districtId,
    slug: "riverside",
    name: "Riverside",
    time: "2026-01-01T00:00:00.000Z",
  });
}

beforeAll(async () => {
  t = await createTestDb();
  (globalThis as Record<symbol, unknown>)[Symbol.for("plaza.ledger")] = Promise.resolve({ identity });
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("plaza.ledger")];
  await t.close();
});

describe("ledger router", () => {
  it("has no checkpoint and no entries on an empty log", async () => {
    expect(await caller().ledger.checkpoint()).toBeNull();
    expect(await caller().ledger.entries({})).toEqual({ entries: [], nextStart: null });
    expect(await caller().ledger.entry({ index: 0n })).toBeNull();
  });

  it("serves the log's verifier key", async () => {
    expect(await caller().ledger.verifierKey()).toBe(identity.verifierKey);
  });

  it("lists no witnesses when none are configured", async () => {
    expect(await caller().ledger.witnesses()).toEqual([]);
  });

  it("describes the latest signed checkpoint", async () => {
    const writer = new LedgerWriter(t.db);
    await Promise.all([riverside(), ...[0, 1, 2, 3].map(sampleEntry)].map((e) => writer.append(e)));
    await signCheckpoint(t.db, identity);
    const cp = await caller().ledger.checkpoint();
    expect(cp?.origin).toBe(identity.origin);
    expect(cp?.size).toBe(5n);
    const opened = openCheckpoint({
      note: cp?.note ?? "",
      origin: identity.origin,
      verifiers: [identity.verifier],
    });
    expect(opened?.checkpoint.rootHash).toEqual(cp?.root);
  });

  it("pages through entries with a type and a district filter, labelling each", async () => {
    const first = await caller().ledger.entries({ limit: 2 });
    expect(first.entries.map((e) => e.index)).toEqual([0n, 1n]);
    expect(first.entries[0]).toEqual({ index: 0n, type: "district_created", label: "Riverside" });
    expect(first.nextStart).toBe(2n);
    const last = await caller().ledger.entries({ start: 4n, limit: 2 });
    expect(last.entries.map((e) => e.index)).toEqual([4n]);
    expect(last.nextStart).toBeNull();
    const typed = await caller().ledger.entries({ type: "district_created" });
    expect(typed.entries).toHaveLength(5);
    const district = await caller().ledger.entries({ districtId });
    expect(district.entries.map((e) => e.index)).toEqual([0n]);
  });

  it("returns an entry's exact bytes and leaf hash, with a proof against the signed root", async () => {
    const entry = await caller().ledger.entry({ index: 0n });
    expect(entry?.data).toEqual(riverside());
    expect(entry?.leafHash).toEqual(hashLeaf(riverside()));
    const cp = await caller().ledger.checkpoint();
    const proof = await caller().ledger.inclusion({ index: 0n });
    expect(proof.size).toBe(cp?.size);
    expect(
      verifyInclusion({
        index: 0n,
        size: proof.size,
        leafHash: hashLeaf(riverside()),
        proof: proof.proof,
        root: cp?.root ?? new Uint8Array(),
      }),
    ).toBe(true);
  });

  it("shows nothing of an entry until a signed checkpoint covers it", async () => {
    await new LedgerWriter(t.db).append(sampleEntry(99));
    // A fresh (say, anonymous) entry must not be visible on its own before its batch is signed.
    expect(await caller().ledger.entry({ index: 5n })).toBeNull();
    expect((await caller().ledger.entries({})).entries.map((e) => e.index)).not.toContain(5n);
    const err = await caller()
      .ledger.inclusion({ index: 5n })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
  });

  it("refuses a negative index and an unknown type", async () => {
    await expect(caller().ledger.entry({ index: -1n })).rejects.toThrow(TRPCError);
    await expect(caller().ledger.entries({ type: "nonsense" as unknown as "vote" })).rejects.toThrow(
      TRPCError,
    );
  });
});
