/**
 * Votes end to end over HTTP, on PostgreSQL: the real app server (`next start` on the production
 * build) takes pre-generated real Semaphore votes on POST /api/anon/vote with BENCH_VOTE_CONCURRENCY
 * (default 64) requests in flight. Printed for each verifier, on identical fresh databases:
 *   - pool: the default, proofs batched on worker threads (server/zk/verify-vote-proof.ts);
 *   - stock: PLAZA_VOTE_VERIFIER=stock, Semaphore's verifyProof one vote at a time on the server's
 *     main thread (the reference: the same requests, checks and transactions, only the verifier differs);
 * votes accepted per second, p50/p95/p99 latency, CPU per vote (the server's process group with
 * its verifier threads, PostgreSQL, this load generator; from /proc, on Linux), and pool / stock.
 * Goal: ≥ 500 votes/s with p99 < 1 s on 2 cores. The load generator runs in this process, on the
 * same cores as the server.
 *
 * BENCH_VOTES (default 2048) votes from as many census members, proved once into bench/.fixtures/
 * (proof-fixtures.ts): about 0.9 s of CPU per proof at depth 11, so a cold cache costs ~15 min on
 * 2 idle cores (28 min measured on a busy machine); with a warm one the group takes about a minute.
 * The server needs a production build: with the default `.next` it is built if the sources
 * changed (as `npm start` does); PLAZA_NEXT_DIST_DIR points at another build, which must exist.
 * BENCH_ONLY=votes runs this group alone.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { generateSignerKey } from "@/core/note";
import { votes as votesTable } from "@/server/db/schema";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { freshPostgres } from "./fresh-postgres";
import {
  installVoteFixture,
  loadVoteFixture,
  type TVoteFixture,
  type TVoteFixtureSpec,
} from "./proof-fixtures";

const VOTES = Number(process.env.BENCH_VOTES ?? 2048);
const CONCURRENCY = Number(process.env.BENCH_VOTE_CONCURRENCY ?? 64);
const GOAL_RATE = 500;
const GOAL_P99_MS = 1000;
const READY_TIMEOUT_MS = 180_000;

/** The server signs as this origin, so the fixture's scopes are its polls' scopes. */
export const VOTE_BENCH_SPEC: TVoteFixtureSpec = {
  origin: "bench.plaza.local",
  pollId: "00000000-0000-4000-8000-00000000b001",
  members: VOTES,
  votes: VOTES,
  options: 3,
};

interface RunResult {
  accepted: number;
  refused: Map<string, number>;
  seconds: number;
  latenciesMs: number[];
  /** CPU milliseconds spent while the votes were sent (warm-up excluded), when /proc can tell. */
  cpuMs?: { server: number; postgres: number; loadGenerator: number };
}

/** Linux clock ticks per second (USER_HZ): /proc times are in these. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time so far (ms) of the server's process group (next start, its worker threads included)
 * and of every PostgreSQL process, from /proc; undefined where there is no /proc.
 */
function cpuSnapshot(serverGroup: number): { server: number; postgres: number } | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  let server = 0;
  let postgres = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp … utime(14) stime(15): comm may hold spaces, so split after ")".
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    if (Number(fields[2]) === serverGroup) server += ms;
    else if (comm === "postgres") postgres += ms;
  }
  return { server, postgres };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The production build to run: `.next` (built here if stale, like `npm start`) or PLAZA_NEXT_DIST_DIR. */
function productionBuild(): string {
  const distDir = process.env.PLAZA_NEXT_DIST_DIR || ".next";
  if (distDir === ".next") buildIfNeeded();
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(
      `no production build in ${distDir}: run PLAZA_NEXT_DIST_DIR=${distDir} npx next build first`,
    );
  }
  return distDir;
}

interface Server {
  readonly port: number;
  /** Process group of `next start` and everything it started. */
  readonly group: number;
  stop(): Promise<void>;
}

/** `next start` on a fresh database, resolved once bootstrap printed that Plaza is ready. */
async function startServer(
  databaseUrl: string,
  verifier: "pool" | "stock",
  dataDir: string,
): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join("node_modules", ".bin", "next"),
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        PLAZA_DATA_DIR: dataDir,
        PLAZA_SEED_DEMO: "false",
        PLAZA_LOG_KEY: generateSignerKey(VOTE_BENCH_SPEC.origin).signerKey,
        PLAZA_PUBLIC_URL: `http://127.0.0.1:${port}`,
        PLAZA_VOTE_VERIFIER: verifier,
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the server did not get ready in time")),
      READY_TIMEOUT_MS,
    );
    const onLine = (line: string) => {
      output.push(line);
      // Failures the benchmark should not hide (the server logs nothing per vote).
      if (/error|fail|cannot/i.test(line)) console.log(`  [server] ${line}`);
      if (line.includes("Plaza is ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = "";
      stream?.setEncoding("utf8").on("data", (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) onLine(line);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code}:\n${output.slice(-20).join("\n")}`));
    });
  });
  return {
    port,
    group: child.pid as number,
    async stop() {
      // The whole process group: next start and anything it started.
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

function post(
  agent: http.Agent,
  port: number,
  body: string,
): Promise<{ status: number; code?: string; duplicate?: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/anon/vote",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          try {
            const json = JSON.parse(text) as { duplicate?: boolean; error?: { code?: string } };
            resolve({ status: res.statusCode ?? 0, code: json.error?.code, duplicate: json.duplicate });
          } catch {
            resolve({ status: res.statusCode ?? 0, code: `HTTP ${res.statusCode}` });
          }
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends every vote once, `CONCURRENCY` at a time. */
async function fire(port: number, fixture: TVoteFixture, group: number): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const bodies = fixture.votes.map((vote) => JSON.stringify(vote));
  // Warm-up off the clock: votes with their proof points swapped start the verifier (worker
  // threads, or snarkjs's curve) and are refused with INVALID_PROOF, so no vote is used up.
  const spoiled = fixture.votes.slice(0, 2 * availableParallelism()).map((vote) => {
    const [a, b, ...rest] = vote.proof.points;
    return JSON.stringify({ ...vote, proof: { ...vote.proof, points: [b, a, ...rest] } });
  });
  for (const answer of await Promise.all(spoiled.map((body) => post(agent, port, body)))) {
    if (answer.code !== "INVALID_PROOF")
      throw new Error(`warm-up vote answered ${answer.status} ${answer.code}`);
  }

  const latenciesMs: number[] = [];
  const refused = new Map<string, number>();
  let accepted = 0;
  let next = 0;
  const cpuBefore = cpuSnapshot(group);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const t0 = performance.now();
        const answer = await post(agent, port, body);
        latenciesMs.push(performance.now() - t0);
        if (answer.status === 200 && !answer.duplicate) accepted++;
        else {
          const key = answer.duplicate ? "duplicate" : (answer.code ?? `HTTP ${answer.status}`);
          refused.set(key, (refused.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const cpuAfter = cpuSnapshot(group);
  agent.destroy();
  const cpuMs =
    cpuBefore && cpuAfter
      ? {
          server: cpuAfter.server - cpuBefore.server,
          postgres: cpuAfter.postgres - cpuBefore.postgres,
          loadGenerator: (own.user + own.system) / 1000,
        }
      : undefined;
  return { accepted, refused, seconds, latenciesMs: latenciesMs.sort((a, b) => a - b), cpuMs };
}

async function run(fixture: TVoteFixture, verifier: "pool" | "stock", distDir: string): Promise<RunResult> {
  const db = await freshPostgres();
  const dataDir = mkdtempSync(path.join(tmpdir(), "plaza-vote-bench-"));
  let server: Server | undefined;
  try {
    await installVoteFixture(db.db, fixture);
    server = await startServer((db as { url?: string }).url as string, verifier, dataDir);
    const result = await fire(server.port, fixture, server.group);
    // What the server acknowledged is what the database holds.
    const [stored] = await db.db
      .select({ n: count() })
      .from(votesTable)
      .where(eq(votesTable.pollId, fixture.spec.pollId));
    if (stored?.n !== result.accepted)
      throw new Error(`${result.accepted} votes accepted but ${stored?.n} stored (${distDir})`);
    return result;
  } finally {
    await server?.stop();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function describeRun(label: string, r: RunResult): string {
  const rate = r.accepted / r.seconds;
  const ms = (p: number) => percentile(r.latenciesMs, p).toFixed(0);
  const refusals = [...r.refused].map(([code, n]) => `${n} ${code}`).join(", ");
  const sent = r.accepted + [...r.refused.values()].reduce((a, b) => a + b, 0);
  const perVote = (cpu: number) => (cpu / Math.max(1, sent)).toFixed(2);
  const cpu = r.cpuMs
    ? `; CPU ms a vote: server ${perVote(r.cpuMs.server)} (event loop and verifier threads), ` +
      `PostgreSQL ${perVote(r.cpuMs.postgres)}, load generator ${perVote(r.cpuMs.loadGenerator)}`
    : "";
  return (
    `${label}: ${rate.toFixed(0)} votes/s accepted (${r.accepted} in ${r.seconds.toFixed(1)} s), ` +
    `latency p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms${refusals ? `; refused: ${refusals}` : ""}${cpu}`
  );
}

export async function voteHttpBench(): Promise<string[]> {
  console.log("\n## Votes over HTTP (PostgreSQL, next start)");
  const fixtureStarted = performance.now();
  const fixture = await loadVoteFixture(VOTE_BENCH_SPEC);
  const fixtureLine =
    fixture.generatedSeconds > 0
      ? `fixtures: ${VOTES} real votes (depth ${fixture.depth}) generated in ${fixture.generatedSeconds.toFixed(0)} s`
      : `fixtures: ${VOTES} real votes (depth ${fixture.depth}) from the cache in ${((performance.now() - fixtureStarted) / 1000).toFixed(1)} s`;
  console.log(fixtureLine);
  const distDir = productionBuild();
  const out = [fixtureLine];
  const pool = await run(fixture, "pool", distDir);
  out.push(
    describeRun(`pool (batches on ${availableParallelism()} worker threads), ${CONCURRENCY} in flight`, pool),
  );
  console.log(out.at(-1));
  const stock = await run(fixture, "stock", distDir);
  out.push(describeRun(`stock verifyProof one by one, ${CONCURRENCY} in flight`, stock));
  console.log(out.at(-1));
  const poolRate = pool.accepted / pool.seconds;
  const ratio = poolRate / (stock.accepted / stock.seconds);
  const p99 = percentile(pool.latenciesMs, 99);
  const met = poolRate >= GOAL_RATE && p99 < GOAL_P99_MS && pool.accepted === VOTES;
  out.push(
    `pool / stock: ${ratio.toFixed(1)}×; goal ≥ ${GOAL_RATE} votes/s with p99 < ${GOAL_P99_MS} ms on ${availableParallelism()} cores: ${met ? "met" : "NOT met"}`,
  );
  console.log(out.at(-1));
  return out;
}
