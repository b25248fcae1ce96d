/**
 * Real Semaphore votes for benchmarks, generated once and cached in bench/.fixtures/ (outside git).
 *
 * A vote proof depends on the poll's scope (the log origin and the poll id), the census root and
 * the tree depth, so a cached set is only worth something with a ledger set up the same way. The
 * set is therefore described by what determines all of these, and `installVoteFixture` replays that
 * setup into any fresh database:
 *   - a census of `members` identities derived from `seed` (member i: `${seed}-member-${i}`),
 *     in index order, hence a fixed root and depth;
 *   - a single-choice poll with a fixed id and `options` options, opened by the real openDuePolls
 *     under a server that signs as `origin`, hence a fixed scope.
 * Member i votes for option i % options with sequence 0, so votes 0..n-1 are n distinct voters.
 *
 * Layout: bench/.fixtures/votes-<hash of the spec>/ with meta.json (spec, root, depth, scope),
 * commitments.json (the census) and votes/<first index>.json, chunks of CHUNK request bodies each.
 * Chunks are written whole (write, then rename), so an interrupted run keeps what it finished; a
 * later run asking for more votes only proves the missing chunks. Generation uses one child process
 * per core (snarkjs proves on the calling thread), each writing its own chunks.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateProof, Identity } from "@semaphore-protocol/core";
import { eq } from "drizzle-orm";
import { ballotMessage, pollScope } from "@/core/ballot";
import { MemoryLeanIMT } from "@/core/census";
import type { Db } from "@/server/db/client";
import {
  censusGroups,
  censusInvitationCodes,
  censusMembers,
  censusNodes,
  councilMembers,
  districts,
  polls,
  users,
} from "@/server/db/schema";
import { fieldToBytes } from "@/server/services/census/field-bytes";
import type { TCastVoteRequest } from "@/server/services/polls/cast-vote";
import { openDuePolls } from "@/server/services/polls/open-due-polls";
import { artifactPath } from "@/server/zk/artifact-path";

export interface TVoteFixtureSpec {
  /** The ledger origin of the server the votes go to (its log key's name): part of the scope. */
  readonly origin: string;
  /** The poll's id (a UUID): part of the scope. */
  readonly pollId: string;
  /** Census size. */
  readonly members: number;
  /** Votes wanted, from members 0..votes-1 (at most `members`). */
  readonly votes: number;
  /** Options of the single-choice poll. */
  readonly options: number;
  /** Identities are derived from it; default "plaza-bench". */
  readonly seed?: string;
}

export interface TVoteFixture {
  readonly spec: TVoteFixtureSpec;
  /** The census in index order. */
  readonly commitments: readonly bigint[];
  readonly root: bigint;
  readonly depth: number;
  readonly scope: bigint;
  /** POST /api/anon/vote bodies, vote i from member i. */
  readonly votes: readonly TCastVoteRequest[];
  /** Seconds spent generating what the cache did not have (0 on a warm cache). */
  readonly generatedSeconds: number;
  readonly dir: string;
}

const FORMAT = 1;
const CHUNK = 128;
const ROOT = path.resolve(import.meta.dirname, ".fixtures");
const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_FLAG = "--plaza-vote-fixtures";

interface Meta {
  format: number;
  origin: string;
  pollId: string;
  members: number;
  options: number;
  seed: string;
  root: string;
  depth: number;
  scope: string;
}

const seedOf = (spec: TVoteFixtureSpec) => spec.seed ?? "plaza-bench";
const identityOf = (seed: string, i: number) => new Identity(`${seed}-member-${i}`);
const ballotOf = (i: number, options: number) => [i % options];

function fixtureDir(spec: TVoteFixtureSpec): string {
  const key = JSON.stringify([FORMAT, spec.origin, spec.pollId, spec.members, spec.options, seedOf(spec)]);
  return path.join(ROOT, `votes-${createHash("sha256").update(key).digest("hex").slice(0, 16)}`);
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** Runs `args` in one child process per entry of `jobs`, this file in child mode, in parallel. */
function runChildren(jobs: string[][]): Promise<string[]> {
  return Promise.all(
    jobs.map(
      (args) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, [...process.execArgv, THIS_FILE, CHILD_FLAG, ...args], {
            stdio: ["ignore", "pipe", "inherit"],
          });
          let out = "";
          child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            out += chunk;
          });
          child.on("error", reject);
          child.on("close", (code) =>
            code === 0 ? resolve(out) : reject(new Error(`fixture generator exited with code ${code}`)),
          );
        }),
    ),
  );
}

/** The census, derived in parallel (about 12 ms per identity: a Baby Jubjub scalar multiplication). */
async function deriveCommitments(seed: string, members: number): Promise<bigint[]> {
  const children = Math.min(availableParallelism(), Math.max(1, Math.ceil(members / 256)));
  const per = Math.ceil(members / children);
  const parts = await runChildren(
    Array.from({ length: children }, (_, c) => [
      "commitments",
      seed,
      String(Math.min(c * per, members)),
      String(Math.min((c + 1) * per, members)),
    ]),
  );
  return parts.flatMap((out) => (JSON.parse(out) as string[]).map(BigInt));
}

async function loadOrCreateCensus(dir: string, spec: TVoteFixtureSpec): Promise<Meta> {
  const metaFile = path.join(dir, "meta.json");
  if (existsSync(metaFile)) return JSON.parse(await readFile(metaFile, "utf8")) as Meta;
  await mkdir(path.join(dir, "votes"), { recursive: true });
  const commitments = await deriveCommitments(seedOf(spec), spec.members);
  const tree = MemoryLeanIMT.fromLeaves(commitments);
  const meta: Meta = {
    format: FORMAT,
    origin: spec.origin,
    pollId: spec.pollId,
    members: spec.members,
    options: spec.options,
    seed: seedOf(spec),
    root: tree.root.toString(),
    // What openDuePolls freezes: max(1, depth of the LeanIMT).
    depth: Math.max(1, tree.depth),
    scope: pollScope(spec.origin, spec.pollId).toString(),
  };
  await writeAtomic(path.join(dir, "commitments.json"), JSON.stringify(commitments.map(String)));
  await writeAtomic(metaFile, JSON.stringify(meta, null, 2));
  return meta;
}

const chunkFile = (dir: string, start: number) =>
  path.join(dir, "votes", `${String(start).padStart(7, "0")}.json`);

/**
 * The votes of `spec`, from the cache, proving (with every core) whatever it lacks. Prints one
 * line per step that takes time.
 */
export async function loadVoteFixture(spec: TVoteFixtureSpec): Promise<TVoteFixture> {
  if (!Number.isInteger(spec.members) || spec.members < 1) throw new RangeError("members must be ≥ 1");
  if (!Number.isInteger(spec.votes) || spec.votes < 1 || spec.votes > spec.members)
    throw new RangeError("votes must be from 1 to members");
  if (!Number.isInteger(spec.options) || spec.options < 2) throw new RangeError("options must be ≥ 2");
  const dir = fixtureDir(spec);
  const started = performance.now();
  const meta = await loadOrCreateCensus(dir, spec);
  const commitments = (
    JSON.parse(await readFile(path.join(dir, "commitments.json"), "utf8")) as string[]
  ).map(BigInt);

  const wanted: number[] = [];
  for (let start = 0; start < spec.votes; start += CHUNK) wanted.push(start);
  const have = new Set(await readdir(path.join(dir, "votes")));
  const missing = wanted.filter((start) => !have.has(path.basename(chunkFile(dir, start))));
  if (missing.length > 0) {
    const proofs = missing.reduce((n, start) => n + Math.min(CHUNK, spec.members - start), 0);
    const children = Math.min(availableParallelism(), missing.length);
    console.log(
      `generating ${proofs} Semaphore proofs (depth ${meta.depth}) into ${path.relative(process.cwd(), dir)} with ${children} processes…`,
    );
    await runChildren(
      Array.from({ length: children }, (_, c) => [
        "votes",
        dir,
        missing.filter((_, k) => k % children === c).join(","),
      ]),
    );
  }
  const generatedSeconds = (performance.now() - started) / 1000;
  if (generatedSeconds > 1) console.log(`fixtures ready in ${generatedSeconds.toFixed(0)} s`);

  const votes: TCastVoteRequest[] = [];
  for (const start of wanted) {
    const chunk = JSON.parse(await readFile(chunkFile(dir, start), "utf8")) as TCastVoteRequest[];
    votes.push(...chunk);
  }
  return {
    spec,
    commitments,
    root: BigInt(meta.root),
    depth: meta.depth,
    scope: BigInt(meta.scope),
    votes: votes.slice(0, spec.votes),
    generatedSeconds: missing.length > 0 ? generatedSeconds : 0,
    dir,
  };
}

/**
 * Replays the fixture's setup into a fresh database: a district with a council member, the census
 * loaded straight into the census tables (bulk INSERTs, no member_added entries: the vote path
 * never reads them), and the poll inserted with the fixture's id, then opened by openDuePolls,
 * which freezes the root and derives the scope the proofs were made for (checked here).
 */
export async function installVoteFixture(db: Db, fixture: TVoteFixture): Promise<{ districtId: string }> {
  const { spec } = fixture;
  const [user] = await db
    .insert(users)
    .values({ email: `council-${randomBytes(4).toString("hex")}@bench.plaza` })
    .returning();
  const [district] = await db
    .insert(districts)
    .values({ slug: `bench-${randomBytes(4).toString("hex")}`, name: "Bench District" })
    .returning();
  if (!user || !district) throw new Error("bench setup: no user or district");
  await db.insert(councilMembers).values({ districtId: district.id, userId: user.id });

  const batchId = randomUUID();
  const codeHashes = fixture.commitments.map(() => new Uint8Array(randomBytes(32)));
  const ROWS = 4000;
  for (let i = 0; i < fixture.commitments.length; i += ROWS) {
    const slice = fixture.commitments.slice(i, i + ROWS);
    await db.insert(censusInvitationCodes).values(
      slice.map((_, k) => ({
        codeHash: codeHashes[i + k] as Uint8Array,
        districtId: district.id,
        batchId,
        used: true,
      })),
    );
    await db.insert(censusMembers).values(
      slice.map((c, k) => ({
        districtId: district.id,
        memberIndex: i + k,
        commitment: c.toString(),
        codeHash: codeHashes[i + k] as Uint8Array,
      })),
    );
  }
  const tree = MemoryLeanIMT.fromLeaves(fixture.commitments);
  const nodes: { districtId: string; level: number; idx: number; hash: Uint8Array }[] = [];
  for (let level = 0; level <= tree.depth; level++) {
    for (let idx = 0; idx < Math.ceil(tree.size / 2 ** level); idx++)
      nodes.push({
        districtId: district.id,
        level,
        idx,
        hash: fieldToBytes(tree.lookup(level, idx) as bigint),
      });
  }
  for (let i = 0; i < nodes.length; i += ROWS) await db.insert(censusNodes).values(nodes.slice(i, i + ROWS));
  await db
    .insert(censusGroups)
    .values({ districtId: district.id, size: tree.size, root: fieldToBytes(tree.root) });

  await db.insert(polls).values({
    id: spec.pollId,
    districtId: district.id,
    title: "Benchmark poll",
    options: Array.from({ length: spec.options }, (_, i) => `Option ${i + 1}`),
    method: { kind: "single" },
    opensAt: new Date(Date.now() - 1_000),
    closesAt: new Date(Date.now() + 24 * 3_600_000),
    minAnonymitySet: Math.min(10, spec.members),
    createdBy: user.id,
  });
  const opened = await openDuePolls(db, spec.origin);
  const [poll] = await db.select().from(polls).where(eq(polls.id, spec.pollId));
  if (
    !opened.includes(spec.pollId) ||
    poll?.scope !== fixture.scope.toString() ||
    poll.frozenRoot !== fixture.root.toString() ||
    poll.depth !== fixture.depth
  ) {
    throw new Error("bench setup: the opened poll does not match the fixture (scope, root or depth)");
  }
  return { districtId: district.id };
}

/** Child mode: `commitments <seed> <from> <to>` prints a JSON array; `votes <dir> <starts>` writes chunks. */
async function child(args: string[]): Promise<void> {
  const [mode, a, b, c] = args;
  if (mode === "commitments") {
    const seed = a as string;
    const out: string[] = [];
    for (let i = Number(b); i < Number(c); i++) out.push(identityOf(seed, i).commitment.toString());
    await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(out), () => resolve()));
    return;
  }
  if (mode === "votes") {
    const dir = a as string;
    const meta = JSON.parse(await readFile(path.join(dir, "meta.json"), "utf8")) as Meta;
    const commitments = (
      JSON.parse(await readFile(path.join(dir, "commitments.json"), "utf8")) as string[]
    ).map(BigInt);
    const tree = MemoryLeanIMT.fromLeaves(commitments);
    const artifacts = { wasm: artifactPath(meta.depth, "wasm"), zkey: artifactPath(meta.depth, "zkey") };
    for (const start of (b as string).split(",").map(Number)) {
      const t0 = performance.now();
      const chunk: TCastVoteRequest[] = [];
      for (let i = start; i < Math.min(start + CHUNK, meta.members); i++) {
        const ballot = ballotOf(i, meta.options);
        const proof = await generateProof(
          identityOf(meta.seed, i),
          tree.generateProof(i),
          ballotMessage(ballot, 0),
          BigInt(meta.scope),
          meta.depth,
          artifacts,
        );
        chunk.push({ pollId: meta.pollId, ballot, sequence: 0, proof });
      }
      await writeAtomic(chunkFile(dir, start), JSON.stringify(chunk));
      const seconds = (performance.now() - t0) / 1000;
      process.stderr.write(`  votes ${start}-${start + chunk.length - 1}: ${seconds.toFixed(0)} s\n`);
    }
    return;
  }
  throw new Error(`unknown fixture generator mode ${String(mode)}`);
}

if (process.argv[1] === THIS_FILE && process.argv[2] === CHILD_FLAG) {
  child(process.argv.slice(3)).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
