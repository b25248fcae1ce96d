/**
 * Census benchmark. Prints, each beside a reference measured in the same run:
 *   - Poseidon(2) µs per hash: core/census poseidon2 vs poseidon-lite (what @semaphore-protocol/group uses)
 *   - building a 100,000-member tree in memory (what a browser does to find its Merkle path):
 *     MemoryLeanIMT.fromLeaves vs `new Group(members)`
 *   - joinDistrict server time (p50/p99) with 100,000 members on PostgreSQL and PGlite, against
 *     a stateless server's join: rebuild the Group from the member list, then addMember
 *   - removeMember server time (p50) at the same size
 * BENCH_CENSUS_MEMBERS changes the census size, BENCH_CENSUS_JOINS the measured joins.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Group } from "@semaphore-protocol/group";
import { eq } from "drizzle-orm";
import { poseidon2 as litePoseidon2 } from "poseidon-lite/poseidon2";
import { MemoryLeanIMT, poseidon2 } from "@/core/census";
import { SNARK_SCALAR_FIELD } from "@/core/entries";
import { type DatabaseHandle, openDatabase } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate-database";
import {
  censusGroups,
  censusInvitationCodes,
  censusMembers,
  censusNodes,
  councilMembers,
  districts,
  users,
} from "@/server/db/schema";
import type { Actor } from "@/server/services/auth/actor";
import { fieldToBytes } from "@/server/services/census/field-bytes";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { joinDistrict } from "@/server/services/census/join-district";
import { listMembers } from "@/server/services/census/list-members";
import { removeMember } from "@/server/services/census/remove-member";
import { freshPostgres } from "./fresh-postgres";

const MEMBERS = Number(process.env.BENCH_CENSUS_MEMBERS ?? 100_000);
const JOINS = Number(process.env.BENCH_CENSUS_JOINS ?? 300);
const CHUNK = 4000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

function randomCommitment(): bigint {
  return (BigInt(`0x${randomBytes(32).toString("hex")}`) % (SNARK_SCALAR_FIELD - 1n)) + 1n;
}

function hashRate(): string {
  const rate = (f: (a: bigint, b: bigint) => bigint) => {
    let x = 5n;
    for (let i = 0; i < 2000; i++) x = f(x, 7n);
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) x = f(x, 7n);
    return ((performance.now() - t0) * 1000) / n;
  };
  const lite = rate((a, b) => litePoseidon2([a, b]));
  const ours = rate(poseidon2);
  return `Poseidon(2): core/census ${ours.toFixed(1)} µs/hash | poseidon-lite ${lite.toFixed(1)} µs/hash | ratio ${(lite / ours).toFixed(2)}x faster`;
}

/**
 * Loads a census of `tree.size` members straight into the tables (bulk INSERTs, no ledger
 * entries: the ledger's cost per join does not depend on the census size), with a council member
 * who then generates the codes for the measured joins.
 */
async function loadCensus(h: DatabaseHandle, tree: MemoryLeanIMT) {
  const [district] = await h.db
    .insert(districts)
    .values({ slug: `bench-${randomUUID().slice(0, 8)}`, name: "Bench District" })
    .returning();
  if (!district) throw new Error("no district");
  const [user] = await h.db
    .insert(users)
    .values({ email: `${randomUUID()}@bench.plaza` })
    .returning();
  if (!user) throw new Error("no user");
  await h.db.insert(councilMembers).values({ districtId: district.id, userId: user.id });
  const council: Actor = { userId: user.id, email: user.email, isPlatformAdmin: false };

  const leaves = tree.leaves;
  const batchId = randomUUID();
  const codeHashes = leaves.map(() => new Uint8Array(randomBytes(32)));
  for (let i = 0; i < leaves.length; i += CHUNK) {
    const slice = leaves.slice(i, i + CHUNK);
    await h.db.insert(censusInvitationCodes).values(
      slice.map((_, k) => ({
        codeHash: codeHashes[i + k] as Uint8Array,
        districtId: district.id,
        batchId,
        used: true,
      })),
    );
    await h.db.insert(censusMembers).values(
      slice.map((c, k) => ({
        districtId: district.id,
        memberIndex: i + k,
        commitment: c.toString(),
        codeHash: codeHashes[i + k] as Uint8Array,
      })),
    );
  }
  const nodes: { districtId: string; level: number; idx: number; hash: Uint8Array }[] = [];
  for (let level = 0; level <= tree.depth; level++) {
    const count = Math.ceil(tree.size / 2 ** level);
    for (let idx = 0; idx < count; idx++)
      nodes.push({
        districtId: district.id,
        level,
        idx,
        hash: fieldToBytes(tree.lookup(level, idx) as bigint),
      });
  }
  for (let i = 0; i < nodes.length; i += CHUNK)
    await h.db.insert(censusNodes).values(nodes.slice(i, i + CHUNK));
  await h.db
    .insert(censusGroups)
    .values({ districtId: district.id, size: tree.size, root: fieldToBytes(tree.root) });
  return { districtId: district.id, council };
}

async function joinLatency(label: string, h: DatabaseHandle, tree: MemoryLeanIMT, rebuildMs: number) {
  const started = performance.now();
  const { districtId, council } = await loadCensus(h, tree);
  const loadS = (performance.now() - started) / 1000;
  const { codes } = await generateInvitationCodes(h.db, council, { districtId, count: JOINS });
  const times: number[] = [];
  for (const code of codes) {
    const commitment = randomCommitment().toString();
    const t0 = performance.now();
    await joinDistrict(h.db, { code, commitment });
    times.push(performance.now() - t0);
  }
  const removals: number[] = [];
  for (const code of codes.slice(0, 50)) {
    const t0 = performance.now();
    await removeMember(h.db, council, { districtId, code, reason: "benchmark" });
    removals.push(performance.now() - t0);
  }
  const l0 = performance.now();
  const list = await listMembers(h.db, districtId);
  const listMs = performance.now() - l0;
  // The stored tree after all of it must still be the tree of the member list.
  const [row] = await h.db.select().from(censusGroups).where(eq(censusGroups.districtId, districtId));
  if (row?.size !== tree.size + JOINS || list.size !== row.size) throw new Error("census size mismatch");
  times.sort((a, b) => a - b);
  removals.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const line = `${label.padEnd(10)} join at ${tree.size} members: p50 ${p50.toFixed(2)} ms p99 ${percentile(times, 99).toFixed(2)} ms (goal < 50 ms) | stateless rebuild + addMember ${rebuildMs.toFixed(0)} ms | ratio ${(rebuildMs / p50).toFixed(0)}x; remove p50 ${percentile(removals, 50).toFixed(2)} ms; list ${list.size} members ${listMs.toFixed(0)} ms (loaded in ${loadS.toFixed(0)} s)`;
  console.log(line);
  return line;
}

export async function censusBench(): Promise<string[]> {
  console.log("\n## Census");
  const out: string[] = [];
  out.push(hashRate());
  console.log(out[0]);

  const members = Array.from({ length: MEMBERS }, randomCommitment);
  const b0 = performance.now();
  const tree = MemoryLeanIMT.fromLeaves(members);
  const oursMs = performance.now() - b0;
  const g0 = performance.now();
  const group = new Group(members);
  group.addMember(randomCommitment());
  const rebuildMs = performance.now() - g0;
  if (new Group().root !== 0n || group.size !== MEMBERS + 1) throw new Error("reference group is wrong");
  const buildLine = `tree of ${MEMBERS} members in memory (a browser's path building): MemoryLeanIMT.fromLeaves ${(oursMs / 1000).toFixed(1)} s | new Group(members) ${(rebuildMs / 1000).toFixed(1)} s | ratio ${(rebuildMs / oursMs).toFixed(2)}x`;
  console.log(buildLine);
  out.push(buildLine);

  const pg = await freshPostgres();
  try {
    out.push(await joinLatency("PostgreSQL", pg, tree, rebuildMs));
  } finally {
    await pg.close();
  }
  const lite = await openDatabase({ kind: "pglite" });
  try {
    await migrateDatabase(lite);
    out.push(await joinLatency("PGlite", lite, tree, rebuildMs));
  } finally {
    await lite.close();
  }
  return out;
}
