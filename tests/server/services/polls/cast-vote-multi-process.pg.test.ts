import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry } from "@/core/entries";
import { ledgerEntries, polls, votes } from "@/server/db/schema";
import type { TCastVoteRequest } from "@/server/services/polls/cast-vote";
import { closeDuePolls } from "@/server/services/polls/close-due-polls";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { makeVoteBatchFixture, type VoteBatchFixture } from "./vote-batch-fixture";

const root = path.resolve(import.meta.dirname, "../../../..");
const VOTERS = 6;
const SEQUENCES = 3;
const PROCESSES = 3;
let t: TestDb;
let f: VoteBatchFixture;
let dir: string;
/** Every voter's vote at every sequence; the ballot is [sequence], so the tally tells which won. */
const requests: TCastVoteRequest[] = [];

beforeAll(async () => {
  t = await createTestDb();
  f = await makeVoteBatchFixture(t.db, { residents: 10 });
  for (let who = 0; who < VOTERS; who++)
    for (let s = 0; s < SEQUENCES; s++) requests.push(await f.vote(who, [s], s));
  dir = mkdtempSync(path.join(tmpdir(), "plaza-votes-"));
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function runWorker(
  file: string,
  seed: number,
  startAt: number,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(import.meta.dirname, "fixtures/cast-votes-worker.ts"),
        t.url as string,
        file,
        String(seed),
        String(startAt),
      ],
      { cwd: root },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    // A worker that hangs (a lock cycle, say) fails the test with its output instead of a timeout.
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe("castVote with several app processes on one PostgreSQL", () => {
  it("accepts each (nullifier, sequence) at most once, in sequence order, and the latest vote wins", async () => {
    const file = path.join(dir, "votes.json");
    writeFileSync(file, JSON.stringify(requests));
    // Every process writes at the same moment, once its proofs are checked and its pool connected.
    const startAt = Date.now() + 8_000;
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) => runWorker(file, i + 1, startAt)),
    );
    for (const run of runs) {
      expect(run.err, run.err).toBe("");
      expect(run.code, run.out).toBe(0);
    }
    const lines = runs
      .flatMap((r) => r.out.split("\n"))
      .filter((l) => l.startsWith("OK ") || l.startsWith("REFUSED "));
    expect(lines).toHaveLength(PROCESSES * requests.length);
    // The only refusal possible: a sequence at or below one already counted.
    expect(lines.filter((l) => l.startsWith("REFUSED ") && !l.endsWith(" STALE_SEQUENCE"))).toEqual([]);

    const rows = await t.db
      .select()
      .from(votes)
      .where(eq(votes.pollId, f.pollIds[0] as string));
    const byVoter = new Map<string, typeof rows>();
    for (const row of rows) byVoter.set(row.nullifier, [...(byVoter.get(row.nullifier) ?? []), row]);
    expect(byVoter.size).toBe(VOTERS);
    for (const [nullifier, accepted] of byVoter) {
      const sequences = accepted.map((r) => r.sequence);
      expect(new Set(sequences).size, nullifier).toBe(sequences.length);
      // The latest sequence can never be stale: it is always accepted, exactly once.
      expect(sequences, nullifier).toContain(SEQUENCES - 1);
      // In ledger order, one voter's accepted votes have rising sequence numbers.
      const inLedgerOrder = [...accepted].sort((a, b) => (a.entryIndex < b.entryIndex ? -1 : 1));
      expect(
        inLedgerOrder.map((r) => r.sequence),
        nullifier,
      ).toEqual([...sequences].sort((a, b) => a - b));
    }

    // Each new acceptance was announced by exactly one process; every receipt points at its vote.
    const entries = new Map(
      (await t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx))).map((e) => [e.idx, e.data]),
    );
    const fresh = lines.filter((l) => l.startsWith("OK ") && !l.endsWith(" duplicate"));
    expect(fresh).toHaveLength(rows.length);
    for (const line of lines.filter((l) => l.startsWith("OK "))) {
      const [, vote, index] = line.split(" ");
      const request = requests[Number(vote)] as TCastVoteRequest;
      const entry = decodeEntry(entries.get(BigInt(index as string)) as Uint8Array);
      expect(entry, line).toMatchObject({
        type: "vote",
        sequence: request.sequence,
        proof: { nullifier: request.proof.nullifier },
      });
    }

    // The tally counts each voter's latest vote: ballot [2] for all of them.
    const pollId = f.pollIds[0] as string;
    await t.db.update(polls).set({ closesAt: sql`now() - interval '1 second'` }).where(eq(polls.id, pollId));
    expect(await closeDuePolls(t.db)).toEqual([pollId]);
    const [poll] = await t.db.select().from(polls).where(eq(polls.id, pollId));
    const [closed] = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.idx, poll?.closedEntry as bigint));
    expect(decodeEntry(closed?.data as Uint8Array)).toMatchObject({
      counts: [0, 0, VOTERS],
      turnout: VOTERS,
    });
  });
});
