/**
 * Ledger benchmark. Prints figures and ratios against a reference measured in the same run:
 * the reference appender writes the same entry bytes with one INSERT per entry, each in its own
 * transaction (what a naive log would do), into a plain table on the same database.
 *   - appends/s with 1, 8 and 64 concurrent writers, on PostgreSQL and on PGlite
 *   - time from append to a signed checkpoint covering it (with the default 1 s interval)
 *   - inclusion and consistency proof latency in a tree of 1,000,000 entries (PostgreSQL)
 * Run with `npm run bench` (needs TEST_DATABASE_URL or the default local PostgreSQL).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { encodeEntry } from "@/core/entries";
import { generateConsistencyProof, generateInclusionProof } from "@/core/merkle";
import { generateSignerKey } from "@/core/note";
import { type DatabaseHandle, openDatabase } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate-database";
import { appendEntries } from "@/server/ledger/append-entries";
import { createDbHashReader } from "@/server/ledger/create-db-hash-reader";
import { startLedgerRuntime } from "@/server/ledger/ledger-runtime";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { identityFromSignerKey } from "../tests/helpers/test-log-identity";
import { freshPostgres } from "./fresh-postgres";

const ENTRIES_PER_RUN = Number(process.env.BENCH_APPENDS ?? 6000);
const BIG_TREE = BigInt(process.env.BENCH_BIG_TREE ?? 1_000_000);

function entry(i: number): Uint8Array {
  return encodeEntry({
    v: 1,
    type: "district_created",
    districtId: randomUUID(),
    slug: `d-${i}`,
    name: `District ${i}`,
    time: new Date().toISOString(),
  });
}

async function runWriters(
  writers: number,
  total: number,
  append: (b: Uint8Array) => Promise<unknown>,
): Promise<number> {
  const perWriter = Math.ceil(total / writers);
  const entries = Array.from({ length: perWriter * writers }, (_, i) => entry(i));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await append(entries[w * perWriter + i] as Uint8Array);
    }),
  );
  return (perWriter * writers) / ((performance.now() - started) / 1000);
}

async function appendRates(label: string, open: () => Promise<DatabaseHandle>) {
  const rows: string[] = [];
  for (const writers of [1, 8, 64]) {
    const total = writers === 1 ? Math.min(ENTRIES_PER_RUN, 1500) : ENTRIES_PER_RUN;
    const h = await open();
    await h.db.execute(
      sql`create table if not exists bench_naive (idx bigserial primary key, data bytea not null)`,
    );
    const naive = await runWriters(writers, total, (b) =>
      h.db.transaction((tx) => tx.execute(sql`insert into bench_naive (data) values (${b})`)),
    );
    const writer = new LedgerWriter(h.db);
    const plaza = await runWriters(writers, total, (b) => writer.append(b));
    await h.close();
    rows.push(
      `${label.padEnd(10)} ${String(writers).padStart(3)} writers: Plaza ${plaza.toFixed(0).padStart(6)} appends/s | naive one-tx-per-insert ${naive.toFixed(0).padStart(6)} /s | ratio ${(plaza / naive).toFixed(2)}x`,
    );
    console.log(rows.at(-1));
  }
  return rows;
}

async function checkpointLatency(h: DatabaseHandle) {
  const identity = identityFromSignerKey(generateSignerKey("bench.plaza/ledger").signerKey);
  let signedAt = 0;
  let signedSize = 0n;
  const runtime = startLedgerRuntime(h.db, identity, 1000, (c) => {
    signedAt = performance.now();
    signedSize = c.size;
  });
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const index = await runtime.writer.append(entry(i));
    while (signedSize <= index) await new Promise((r) => setTimeout(r, 5));
    samples.push(signedAt - t0);
    await new Promise((r) => setTimeout(r, 300 + 137 * i));
  }
  runtime.stop();
  samples.sort((a, b) => a - b);
  const line = `append → signed checkpoint (interval 1 s): median ${samples[2]?.toFixed(0)} ms, max ${samples.at(-1)?.toFixed(0)} ms (goal ≤ 1000 ms)`;
  console.log(line);
  return line;
}

async function bigTreeProofs(h: DatabaseHandle) {
  const started = performance.now();
  const batch = 5000;
  const template = Array.from({ length: batch }, (_, i) => entry(i));
  for (let done = 0n; done < BIG_TREE; done += BigInt(batch)) {
    const n = Number(BIG_TREE - done < BigInt(batch) ? BIG_TREE - done : BigInt(batch));
    await h.db.transaction((tx) => appendEntries(tx, template.slice(0, n)));
  }
  const loadS = (performance.now() - started) / 1000;
  const read = createDbHashReader(h.db);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const index = BigInt(Math.floor(Math.random() * Number(BIG_TREE)));
    const t0 = performance.now();
    await generateInclusionProof({ index, size: BIG_TREE, readHashes: read });
    times.push(performance.now() - t0);
  }
  const ctimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const size1 = 1n + BigInt(Math.floor(Math.random() * (Number(BIG_TREE) - 1)));
    const t0 = performance.now();
    await generateConsistencyProof({ size1, size2: BIG_TREE, readHashes: read });
    ctimes.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  ctimes.sort((a, b) => a - b);
  const identity = identityFromSignerKey(generateSignerKey("bench.plaza/big").signerKey);
  const s0 = performance.now();
  await signCheckpoint(h.db, identity);
  const signMs = performance.now() - s0;
  const line = `tree of ${BIG_TREE} entries (loaded in ${loadS.toFixed(0)} s): inclusion proof p50 ${times[25]?.toFixed(1)} ms p99 ${times[49]?.toFixed(1)} ms; consistency proof p50 ${ctimes[10]?.toFixed(1)} ms; first checkpoint signature ${signMs.toFixed(0)} ms`;
  console.log(line);
  return line;
}

export async function ledgerBench(): Promise<string[]> {
  console.log("\n## Ledger");
  const out: string[] = [];
  out.push(...(await appendRates("PostgreSQL", async () => freshPostgres())));
  out.push(
    ...(await appendRates("PGlite", async () => {
      const h = await openDatabase({ kind: "pglite" });
      await migrateDatabase(h);
      return h;
    })),
  );
  const pg = await freshPostgres();
  out.push(await checkpointLatency(pg));
  await pg.close();
  const big = await freshPostgres();
  out.push(await bigTreeProofs(big));
  await big.close();
  return out;
}
