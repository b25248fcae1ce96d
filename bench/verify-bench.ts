/**
 * `BENCH_ONLY=verify npm run bench`: `plaza verify`'s proof rate on ledgers of real votes, beside
 * Semaphore's stock `verifyProof` one proof at a time, measured in the same run.
 *
 * Each ledger is built with the protocol code from a cached set of real votes (bench/proof-fixtures.ts,
 * bench/.fixtures/, outside git; proved once with every core, resumable): a district whose census
 * holds every voter, one single-choice poll opened with the census frozen, every member's vote, and
 * the poll's close with its tally, served as c2sp.org/tlog-tiles from memory. The whole of
 * verifyLedger runs on it (tree, replay, proofs on the worker-thread pool, recount), and the
 * proofs phase gives the rate. Stock verifyProof is timed on a sample of the same proofs.
 *
 * BENCH_VERIFY_SIZES (default "10000,100000") picks the ledgers. Proving is the slow part: about
 * 1.2 s per proof per process with snarkjs when both cores prove, so a new 10,000-vote set takes
 * about 2 hours on 2 cores and 100,000 about a day; later runs read the cache.
 */
import { verifyProof } from "@semaphore-protocol/core";
import { ballotMessage } from "@/core/ballot";
import { MemoryLeanIMT } from "@/core/census";
import { encodeEntry, type TLedgerEntry } from "@/core/entries";
import { createNoteSigner, formatVerifierKey, SIGNATURE_TYPE_ED25519 } from "@/core/note";
import { verifyLedger } from "@/core/verify";
import { createProofVerifier } from "@/server/zk/proof-verifier-pool";
import { buildTiledLog, tiledLogSource } from "../tests/helpers/tiled-log";
import { loadVoteFixture } from "./proof-fixtures";

const ORIGIN = "bench.plaza.local";
const DISTRICT = "00000000-0000-4000-8000-00000000d0b1";
const STOCK_SAMPLE = 300;
const CENSUS_SIZES = [10_000, 100_000];

export async function verifyBench(): Promise<string[]> {
  const sizes = (process.env.BENCH_VERIFY_SIZES ?? "10000,100000").split(",").map(Number);
  const lines: string[] = [];
  for (const votes of sizes) {
    // The census is 10,000 or 100,000 members whatever the number of votes, so a smaller ledger
    // reuses the first votes of a larger cached set (proofs are cached per census and poll).
    const members = CENSUS_SIZES.find((size) => size >= votes) ?? votes;
    const fixture = await loadVoteFixture({
      origin: ORIGIN,
      pollId: `00000000-0000-4000-8000-${members.toString(16).padStart(12, "0")}`,
      members,
      votes,
      options: 3,
    });
    console.log(`building the ledger of ${votes} votes (census ${members})…`);
    const entries = buildLedger(fixture);
    const signer = createNoteSigner(ORIGIN, SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(5));
    const log = await buildTiledLog(entries, { signer });

    console.log(
      `${entries.length} entries in tiles; stock verifyProof on ${Math.min(STOCK_SAMPLE, votes)} proofs…`,
    );
    const sample = fixture.votes.slice(0, Math.min(STOCK_SAMPLE, votes)).map((v) => v.proof);
    let t = performance.now();
    for (const proof of sample) {
      if (!(await verifyProof(proof as Parameters<typeof verifyProof>[0])))
        throw new Error("stock: invalid proof");
    }
    const stockRate = sample.length / ((performance.now() - t) / 1000);

    console.log("verifyLedger with the worker pool…");
    const pool = createProofVerifier();
    await pool.ready();
    t = performance.now();
    const report = await verifyLedger({
      source: tiledLogSource(log),
      verifierKey: formatVerifierKey(signer.name, signer.type, signer.publicKey),
      verifyProofs: (proofs) => pool.verifyMany(proofs),
      proofParallelism: pool.threads * 2,
    });
    const totalS = (performance.now() - t) / 1000;
    await pool.close();
    if (!report.ok)
      throw new Error(`verify bench: the ledger did not verify: ${report.findings[0]?.message}`);
    const rate = report.proofs.checked / ((report.timings.proofs ?? 1) / 1000);
    const ms = (phase: keyof typeof report.timings) =>
      `${((report.timings[phase] ?? 0) / 1000).toFixed(1)} s`;
    lines.push(
      `ledger of ${votes} real votes (census ${members}, ${entries.length} entries, depth ${fixture.depth}): proofs ${rate.toFixed(0)}/s on ${pool.threads} threads vs stock verifyProof ${stockRate.toFixed(1)}/s (${sample.length} one by one) = ${(rate / stockRate).toFixed(1)}x; whole verify ${totalS.toFixed(1)} s (tree ${ms("tree")}, entries ${ms("entries")}, proofs ${ms("proofs")}, tallies ${ms("tallies")})`,
    );
    console.log(lines.at(-1));
  }
  return lines;
}

/** The ledger the server would have written for the fixture's census, poll and votes. */
function buildLedger(fixture: Awaited<ReturnType<typeof loadVoteFixture>>): Uint8Array[] {
  const { spec } = fixture;
  const entries: TLedgerEntry[] = [
    {
      v: 1,
      type: "district_created",
      districtId: DISTRICT,
      slug: "bench",
      name: "Bench",
      time: "2026-11-01T00:00:00.000Z",
    },
  ];
  const tree = new MemoryLeanIMT();
  for (const commitment of fixture.commitments) {
    tree.insert(commitment);
    entries.push({
      v: 1,
      type: "member_added",
      districtId: DISTRICT,
      commitment: commitment.toString(),
      memberIndex: tree.size - 1,
      root: tree.root.toString(),
      size: tree.size,
    });
  }
  entries.push({
    v: 1,
    type: "poll_opened",
    pollId: spec.pollId,
    districtId: DISTRICT,
    title: "Benchmark poll",
    options: Array.from({ length: spec.options }, (_, i) => `Option ${i + 1}`),
    method: { kind: "single" },
    opensAt: "2026-11-02T00:00:00.000Z",
    closesAt: "2026-11-03T00:00:00.000Z",
    scope: fixture.scope.toString(),
    root: fixture.root.toString(),
    depth: fixture.depth,
    censusSize: spec.members,
    minAnonymitySet: 2,
  });
  const counts = new Array<number>(spec.options).fill(0);
  for (const vote of fixture.votes) {
    if (vote.proof.message !== ballotMessage(vote.ballot, vote.sequence).toString())
      throw new Error("fixture message");
    counts[vote.ballot[0] as number] = (counts[vote.ballot[0] as number] as number) + 1;
    const p = vote.proof;
    entries.push({
      v: 1,
      type: "vote",
      pollId: spec.pollId,
      ballot: vote.ballot,
      sequence: vote.sequence,
      proof: {
        root: p.merkleTreeRoot,
        depth: p.merkleTreeDepth,
        nullifier: p.nullifier,
        scope: p.scope,
        message: p.message,
        points: p.points,
      },
    });
  }
  entries.push({
    v: 1,
    type: "poll_closed",
    pollId: spec.pollId,
    counts,
    turnout: fixture.votes.length,
    censusSize: spec.members,
    ledgerSize: entries.length,
    time: "2026-11-03T00:00:00.000Z",
  });
  return entries.map(encodeEntry);
}
