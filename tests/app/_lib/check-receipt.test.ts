import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkReceipt,
  formatReceiptFile,
  httpReceiptSources,
  parseReceiptFile,
  RECEIPT_FILE_FORMAT,
  type ReceiptSources,
} from "@/app/_lib/check-receipt";
import type { StoredReceipt } from "@/app/_lib/receipt-store";
import { ballotMessage } from "@/core/ballot";
import { decodeBase64, encodeBase64 } from "@/core/encoding";
import { decodeEntry, encodeEntry, type TLedgerEntry } from "@/core/entries";
import { decodeEntryBundle, encodeEntryBundle } from "@/core/tiles";
import { publicApiResponse } from "@/server/api/public-api-response";
import { createCaller } from "@/server/api/root";
import { polls } from "@/server/db/schema";
import { isAppError } from "@/server/errors/app-error";
import { appendEntries } from "@/server/ledger/append-entries";
import { getLatestCheckpoint } from "@/server/services/ledger/get-latest-checkpoint";
import { getReceipt } from "@/server/services/ledger/get-receipt";
import { readTile } from "@/server/services/ledger/read-tile";
import { closeDuePolls } from "@/server/services/polls/close-due-polls";
import { testLogIdentity } from "../../helpers/test-log-identity";
import {
  buildResultsFixture,
  type CastRecord,
  type ResultsFixture,
} from "../../server/services/polls/poll-results-fixture";

let f: ResultsFixture;

/** Sources that answer from the services behind Plaza's public endpoints, on the test's ledger. */
function serviceSources(over: Partial<ReceiptSources> = {}): ReceiptSources {
  return {
    async tlogProof(index) {
      try {
        return await getReceipt(f.t.db, { index: index.toString() });
      } catch (e) {
        if (isAppError(e) && e.code === "NOT_FOUND") return null;
        throw e;
      }
    },
    verifierKey: async () => f.identity.verifierKey,
    checkpoint: async () => (await getLatestCheckpoint(f.t.db))?.note ?? null,
    tile: async (path) => (await readTile(f.t.db, path)).body,
    pollResults: (pollId) => createCaller({ db: f.t.db, actor: null, locale: "en" }).results.get({ pollId }),
    ...over,
  };
}

const receiptOf = (c: CastRecord) => ({ ...c, tlogProof: undefined as string | undefined });

/** Sources serving entry bundle `bundle` with its entries changed by `change` (the tree is not). */
function alteredBundle(bundle: bigint, change: (entries: Uint8Array[]) => void): ReceiptSources {
  return serviceSources({
    async tile(path) {
      const { body } = await readTile(f.t.db, path);
      if (!path.startsWith(`tile/entries/${bundle.toString().padStart(3, "0")}`)) return body;
      const entries = decodeEntryBundle(body);
      change(entries);
      return encodeEntryBundle(entries);
    },
  });
}

/** Replaces the entry at `index` (in its bundle) by `make(decoded entry)`. */
const replaceEntry = (index: bigint, make: (e: TLedgerEntry) => TLedgerEntry) => (entries: Uint8Array[]) => {
  const k = Number(index % 256n);
  entries[k] = encodeEntry(make(decodeEntry(entries[k] as Uint8Array)));
};

/** A kept proof whose checkpoint predates the close of the open poll (set in a test below). */
let keptBeforeClose: { receipt: CastRecord; tlogProof: string } | null = null;

/** The proof text with one of its hash lines replaced by another 32-byte value. */
function tamperHash(proof: string): string {
  const lines = proof.split("\n");
  const at = lines.findIndex((l, i) => i > 1 && l.length === 44);
  const hash = decodeBase64(lines[at] as string, "hash");
  hash[0] = (hash[0] as number) ^ 1;
  lines[at] = encodeBase64(hash);
  return lines.join("\n");
}

beforeAll(async () => {
  f = await buildResultsFixture();
}, 180_000);
afterAll(() => f.t.close());

describe("checkReceipt", () => {
  it("passes a valid receipt of a counted vote, step by step, and returns the proof to keep", async () => {
    const [first] = f.cast;
    const r = await checkReceipt(receiptOf(first as CastRecord), serviceSources());
    expect(r.outcome, r.detail).toBe("counted");
    expect(r.steps.map((s) => [s.step, s.ok])).toEqual([
      ["proof", true],
      ["signature", true],
      ["inclusion", true],
      ["entry", true],
      ["tally", true],
    ]);
    expect(r.steps[1]?.values.origin).toBe(f.identity.origin);
    expect(r.tlogProof?.startsWith(`c2sp.org/tlog-proof@v1\nindex ${first?.entryIndex}\n`)).toBe(true);
    const results = await createCaller({ db: f.t.db, actor: null, locale: "en" }).results.get({
      pollId: f.closedPollId,
    });
    expect(r.closedEntry).toBe(results.status === "closed" ? results.closedEntry : "none");
  });

  it("checks a kept proof again without fetching a new one", async () => {
    const first = f.cast[0] as CastRecord;
    const kept = (await checkReceipt(receiptOf(first), serviceSources())).tlogProof;
    const noFetch = serviceSources({
      tlogProof: () => Promise.reject(new Error("the kept proof should have been used")),
    });
    expect((await checkReceipt({ ...first, tlogProof: kept }, noFetch)).outcome).toBe("counted");
  });

  it("says a changed vote was superseded, by the later vote it checked", async () => {
    const [, , earlier, later] = f.cast as CastRecord[];
    const r = await checkReceipt(receiptOf(earlier as CastRecord), serviceSources());
    expect(r.outcome, r.detail).toBe("superseded");
    expect(r.replacedBy).toBe(later?.entryIndex);
    expect((await checkReceipt(receiptOf(later as CastRecord), serviceSources())).outcome).toBe("counted");
  });

  it("counts an approval ballot", async () => {
    const approval = f.cast[4] as CastRecord;
    expect(approval.ballot).toEqual([0, 1]);
    expect((await checkReceipt(receiptOf(approval), serviceSources())).outcome).toBe("counted");
  });

  it("is pending until a checkpoint covers the vote, then shows it in an open poll", async () => {
    const r2 = f.residents[2];
    if (!r2) throw new Error("fixture has three residents");
    const fresh = await f.vote(r2, f.openPollId, [1], 0);
    const before = await checkReceipt(receiptOf(fresh), serviceSources());
    expect(before).toEqual({ outcome: "pending", steps: [] });
    await f.sign();
    const after = await checkReceipt(receiptOf(fresh), serviceSources());
    expect(after.outcome, after.detail).toBe("open");
    expect(after.steps.every((s) => s.ok)).toBe(true);
    keptBeforeClose = { receipt: fresh, tlogProof: after.tlogProof as string };
  });

  it("fails a tampered proof at the inclusion step", async () => {
    const first = f.cast[0] as CastRecord;
    const proof = (await checkReceipt(receiptOf(first), serviceSources())).tlogProof as string;
    const r = await checkReceipt({ ...first, tlogProof: tamperHash(proof) }, serviceSources());
    expect(r).toMatchObject({ outcome: "failed", failure: "inclusionInvalid" });
    expect(r.steps.at(-1)).toMatchObject({ step: "inclusion", ok: false });
  });

  it("fails a checkpoint whose signature was altered, or one checked with another log's key", async () => {
    const first = f.cast[0] as CastRecord;
    const proof = (await checkReceipt(receiptOf(first), serviceSources())).tlogProof as string;
    const otherKey = serviceSources({
      verifierKey: async () => testLogIdentity(f.identity.origin).verifierKey,
    });
    expect(await checkReceipt(receiptOf(first), otherKey)).toMatchObject({
      outcome: "failed",
      failure: "signatureInvalid",
    });
    // The root hash line of the checkpoint changed: the signature no longer matches.
    const lines = proof.split("\n");
    const rootAt = lines.findIndex((_line, i) => i > 0 && lines[i - 2] === f.identity.origin);
    const root = decodeBase64(lines[rootAt] as string, "root");
    root[31] = (root[31] as number) ^ 0x80;
    lines[rootAt] = encodeBase64(root);
    expect(await checkReceipt({ ...first, tlogProof: lines.join("\n") }, serviceSources())).toMatchObject({
      outcome: "failed",
      failure: "signatureInvalid",
    });
    const badKey = serviceSources({ verifierKey: async () => "not a key" });
    expect(await checkReceipt(receiptOf(first), badKey)).toMatchObject({
      outcome: "failed",
      failure: "keyMalformed",
    });
  });

  it("fails when the server serves other bytes for the entry than the log committed to", async () => {
    const first = f.cast[0] as CastRecord;
    const second = f.cast[1] as CastRecord;
    const swapped = serviceSources({
      async tile(path) {
        const { body } = await readTile(f.t.db, path);
        if (!path.startsWith("tile/entries/")) return body;
        const { decodeEntryBundle } = await import("@/core/tiles");
        const entries = decodeEntryBundle(body);
        const a = Number(BigInt(first.entryIndex) % 256n);
        const b = Number(BigInt(second.entryIndex) % 256n);
        [entries[a], entries[b]] = [entries[b] as Uint8Array, entries[a] as Uint8Array];
        return encodeEntryBundle(entries);
      },
    });
    expect(await checkReceipt(receiptOf(first), swapped)).toMatchObject({
      outcome: "failed",
      failure: "inclusionInvalid",
    });
  });

  it("fails a receipt pointing at the wrong entry, with what the entry is instead", async () => {
    const [mine, theirs] = f.cast as CastRecord[];
    const otherVoter = await checkReceipt(
      { ...receiptOf(mine as CastRecord), entryIndex: theirs?.entryIndex as string },
      serviceSources(),
    );
    expect(otherVoter).toMatchObject({ outcome: "failed", failure: "otherNullifier" });
    expect(otherVoter.steps.map((s) => s.ok)).toEqual([true, true, true, false]);
    const { openedEntry } = await createCaller({ db: f.t.db, actor: null, locale: "en" }).results.get({
      pollId: f.closedPollId,
    });
    const opening = { ...receiptOf(mine as CastRecord), entryIndex: openedEntry };
    const notAVote = await checkReceipt(opening, serviceSources());
    expect(notAVote).toMatchObject({ outcome: "failed", failure: "notAVote" });
    expect(notAVote.detail).toContain("poll_opened");
    const otherPoll = await checkReceipt(
      { ...receiptOf(mine as CastRecord), pollId: f.openPollId },
      serviceSources(),
    );
    expect(otherPoll).toMatchObject({ outcome: "failed", failure: "otherPoll" });
    const otherBallot = await checkReceipt(
      { ...receiptOf(mine as CastRecord), ballot: [2] },
      serviceSources(),
    );
    expect(otherBallot).toMatchObject({ outcome: "failed", failure: "otherBallot" });
    const otherSequence = await checkReceipt(
      { ...receiptOf(mine as CastRecord), sequence: 3 },
      serviceSources(),
    );
    expect(otherSequence).toMatchObject({ outcome: "failed", failure: "otherSequence" });
  });

  it("fails a proof made for another entry, or one that is not a tlog-proof", async () => {
    const [mine, theirs] = f.cast as CastRecord[];
    const theirProof = (await checkReceipt(receiptOf(theirs as CastRecord), serviceSources())).tlogProof;
    expect(
      await checkReceipt({ ...(mine as CastRecord), tlogProof: theirProof }, serviceSources()),
    ).toMatchObject({
      outcome: "failed",
      failure: "proofOtherIndex",
    });
    expect(
      await checkReceipt(
        { ...(mine as CastRecord), tlogProof: "c2sp.org/tlog-proof@v1\nindex x\n" },
        serviceSources(),
      ),
    ).toMatchObject({ outcome: "failed", failure: "proofMalformed" });
    expect(
      await checkReceipt({ ...receiptOf(mine as CastRecord), entryIndex: "01" }, serviceSources()),
    ).toMatchObject({
      outcome: "failed",
      failure: "receiptInvalid",
    });
  });

  it("reads the tally from the signed log, whatever the server's lists of counted votes say", async () => {
    const mine = f.cast[0] as CastRecord;
    const closed = await serviceSources().pollResults(f.closedPollId);
    if (closed.status !== "closed") throw new Error("expected a closed poll");
    // The server's own lists are not evidence: emptied, the vote is still found counted.
    const lists = serviceSources({
      pollResults: async () => ({ ...closed, counted: [], superseded: [] }),
    });
    const r = await checkReceipt(receiptOf(mine), lists);
    expect(r.outcome, r.detail).toBe("counted");
    expect(r.steps.at(-1)?.values).toMatchObject({ votes: "4", closedEntry: closed.closedEntry });
  });

  it("fails when the server points at another poll's opening or close", async () => {
    const mine = f.cast[0] as CastRecord;
    const real = serviceSources();
    const closed = await real.pollResults(f.closedPollId);
    const approval = await real.pollResults(f.approvalPollId);
    if (closed.status !== "closed" || approval.status !== "closed") throw new Error("expected closed polls");
    const otherClose = serviceSources({
      pollResults: async () => ({ ...closed, closedEntry: approval.closedEntry }),
    });
    expect(await checkReceipt(receiptOf(mine), otherClose)).toMatchObject({
      outcome: "failed",
      failure: "closingInvalid",
    });
    const otherOpening = serviceSources({
      pollResults: async () => ({ ...closed, openedEntry: approval.openedEntry }),
    });
    expect(await checkReceipt(receiptOf(mine), otherOpening)).toMatchObject({
      outcome: "failed",
      failure: "openingInvalid",
    });
    const beyond = serviceSources({ pollResults: async () => ({ ...closed, closedEntry: "100000" }) });
    expect(await checkReceipt(receiptOf(mine), beyond)).toMatchObject({
      outcome: "failed",
      failure: "closingInvalid",
    });
  });

  it("fails a poll_closed entry that is not the one in the signed tree", async () => {
    const mine = f.cast[0] as CastRecord;
    const closed = await serviceSources().pollResults(f.closedPollId);
    if (closed.status !== "closed") throw new Error("expected a closed poll");
    const index = BigInt(closed.closedEntry);
    // A close covering fewer entries would leave later votes out: the served bytes must be the log's.
    const forged = alteredBundle(
      index / 256n,
      replaceEntry(index, (e) => (e.type === "poll_closed" ? { ...e, ledgerSize: e.ledgerSize - 1 } : e)),
    );
    const r = await checkReceipt({ ...receiptOf(mine), tlogProof: undefined }, forged);
    expect(r).toMatchObject({ outcome: "failed", failure: "closingInvalid" });
    expect(r.steps.at(-1)).toMatchObject({ step: "tally", ok: false });
  });

  it("reports a network failure as an error, concluding nothing", async () => {
    const down = serviceSources({ verifierKey: () => Promise.reject(new Error("connection refused")) });
    const r = await checkReceipt(receiptOf(f.cast[0] as CastRecord), down);
    expect(r).toMatchObject({ outcome: "error", detail: "connection refused" });
    expect(r.failure).toBeUndefined();
  });
});

describe("checkReceipt against an operator that forges a change of vote", () => {
  const filler = (n: number) =>
    Array.from({ length: n }, () =>
      encodeEntry({
        v: 1,
        type: "vote",
        pollId: randomUUID(),
        ballot: [0],
        sequence: 0,
        proof: { root: "1", depth: 1, nullifier: "1", scope: "1", message: "1", points: Array(8).fill("1") },
      }),
    );
  let forgedIndex = 0n;

  beforeAll(async () => {
    // After resident 0's latest vote in the open poll (sequence 1), far later in the log, a "vote"
    // with the same nullifier and sequence 2 whose proof points are garbage; then the close. The
    // fillers put the opening, the forged entry and the close in three different entry bundles.
    const latest = f.cast[7] as CastRecord;
    const [row] = await f.t.db.select().from(polls).where(eq(polls.id, f.openPollId));
    if (!row?.frozenRoot || !row.scope || !row.depth) throw new Error("the open poll is frozen");
    await f.t.db.transaction((tx) => appendEntries(tx, filler(300)));
    const forged = encodeEntry({
      v: 1,
      type: "vote",
      pollId: f.openPollId,
      ballot: [0],
      sequence: 2,
      proof: {
        root: row.frozenRoot,
        depth: row.depth,
        nullifier: latest.nullifier,
        scope: row.scope,
        message: ballotMessage([0], 2).toString(),
        points: ["1", "2", "3", "4", "5", "6", "7", "8"],
      },
    });
    forgedIndex = (await f.t.db.transaction((tx) => appendEntries(tx, [forged]))).firstIndex;
    await f.t.db.transaction((tx) => appendEntries(tx, filler(300)));
    await f.t.db
      .update(polls)
      .set({ closesAt: sql`now() - interval '1 second'` })
      .where(eq(polls.id, f.openPollId));
    await closeDuePolls(f.t.db);
    await f.sign();
  }, 60_000);

  it("refuses a replacement whose zero-knowledge proof is not valid", async () => {
    const r = await checkReceipt(receiptOf(f.cast[7] as CastRecord), serviceSources());
    expect(r).toMatchObject({ outcome: "failed", failure: "replacementProofInvalid" });
    expect(r.detail).toContain(`entry ${forgedIndex}`);
    expect(r.detail).toContain("official key");
    // With a verifier that accepts any proof the entry passes every policy check (scope, root,
    // depth, ballot, message): its proof is the only thing wrong with it.
    const lenient = await checkReceipt(receiptOf(f.cast[7] as CastRecord), serviceSources(), {
      verifyVoteProof: async () => true,
    });
    expect(lenient).toMatchObject({ outcome: "superseded", replacedBy: forgedIndex.toString() });
  }, 60_000);

  it("refuses a replacement that is not in the signed tree", async () => {
    const genuine = f.cast[6] as CastRecord;
    const notInTree = alteredBundle(
      forgedIndex / 256n,
      replaceEntry(forgedIndex, (e) => (e.type === "vote" ? { ...e, ballot: [1] } : e)),
    );
    const r = await checkReceipt(receiptOf(genuine), notInTree, { verifyVoteProof: async () => true });
    expect(r).toMatchObject({ outcome: "failed", failure: "votesNotInLog" });
  });

  it("checks a proof kept from before the close against the latest checkpoint", async () => {
    if (!keptBeforeClose) throw new Error("the open-poll test keeps a proof first");
    const { receipt, tlogProof } = keptBeforeClose;
    const r = await checkReceipt({ ...receipt, tlogProof }, serviceSources());
    expect(r.outcome, r.detail).toBe("counted");
    expect(r.tlogProof).toBe(tlogProof);
  });
});

describe("httpReceiptSources", () => {
  /** A fetch answering Plaza's public ledger paths the way their route handlers do. */
  const requests: { url: string; init?: RequestInit }[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    requests.push({ url: url.pathname + url.search, init });
    return publicApiResponse(async () => {
      if (url.pathname === "/ledger/receipt")
        return new Response(await getReceipt(f.t.db, Object.fromEntries(url.searchParams)));
      if (url.pathname === "/ledger/vkey") return new Response(`${f.identity.verifierKey}\n`);
      if (url.pathname.startsWith("/ledger/tile/"))
        return new Response(
          Buffer.from((await readTile(f.t.db, url.pathname.slice("/ledger/".length))).body),
        );
      return Response.json({ error: { code: "NOT_FOUND", message: "no route" } }, { status: 404 });
    });
  };
  const sources = () =>
    httpReceiptSources({
      fetch: fakeFetch,
      baseUrl: "http://plaza.test",
      pollResults: (pollId) =>
        createCaller({ db: f.t.db, actor: null, locale: "en" }).results.get({ pollId }),
    });

  it("reads the public endpoints without cookies and verifies a receipt through them", async () => {
    requests.length = 0;
    const r = await checkReceipt(receiptOf(f.cast[1] as CastRecord), sources());
    expect(r.outcome, r.detail).toBe("counted");
    expect(requests.slice(0, 3).map((q) => q.url)).toEqual([
      `/ledger/receipt?index=${f.cast[1]?.entryIndex}`,
      "/ledger/vkey",
      expect.stringMatching(/^\/ledger\/tile\/entries\/000(\.p\/\d+)?$/),
    ]);
    // Only the proof request names the entry: everything after it reads the key or whole tiles.
    for (const q of requests.slice(1))
      expect(q.url).toMatch(/^\/ledger\/(vkey|checkpoint|tile\/[0-9a-z./]+)$/);
    for (const q of requests) expect(q.init).toMatchObject({ credentials: "omit", cache: "no-store" });
  });

  it("treats a 404 for the proof as not yet covered and other failures as errors", async () => {
    expect(await sources().tlogProof(1_000_000n)).toBeNull();
    await expect(sources().tile("tile/entries/x")).rejects.toMatchObject({
      status: 400,
      code: "BAD_INPUT",
    });
  });
});

describe("receipt files", () => {
  const receipt: StoredReceipt = {
    entryIndex: "42",
    pollId: "0b7f9f5e-6f39-4c55-9d8e-3f0c3e2b1a10",
    districtSlug: "riverside",
    pollTitle: "Close the street to cars on Sundays?",
    ballot: [1],
    sequence: 2,
    nullifier: "123456789",
    castAt: "2026-03-01T10:00:00.000Z",
  };

  it("round-trip, with and without a proof", () => {
    expect(parseReceiptFile(formatReceiptFile(receipt))).toEqual(receipt);
    const withProof = { ...receipt, tlogProof: "c2sp.org/tlog-proof@v1\nindex 42\n\nx\n" };
    expect(parseReceiptFile(formatReceiptFile(withProof))).toEqual(withProof);
    expect(JSON.parse(formatReceiptFile(receipt)).format).toBe(RECEIPT_FILE_FORMAT);
  });

  it.each([
    ["not JSON", "{"],
    ["another format", JSON.stringify({ ...receipt, format: "other/v1" })],
    ["no format", JSON.stringify(receipt)],
    ["a non-canonical index", JSON.stringify({ format: RECEIPT_FILE_FORMAT, ...receipt, entryIndex: "042" })],
    [
      "a nullifier beyond the field",
      JSON.stringify({ format: RECEIPT_FILE_FORMAT, ...receipt, nullifier: "9".repeat(78) }),
    ],
    ["an unknown member", JSON.stringify({ format: RECEIPT_FILE_FORMAT, ...receipt, extra: 1 })],
    ["a fractional sequence", JSON.stringify({ format: RECEIPT_FILE_FORMAT, ...receipt, sequence: 1.5 })],
    ["an array", "[]"],
  ])("refuses %s", (_label, text) => {
    expect(() => parseReceiptFile(text)).toThrow(TypeError);
  });
});
