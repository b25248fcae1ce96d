/**
 * Groth16 benchmark: Semaphore proofs verified per second, on the same proofs in the same run,
 *   - stock: Semaphore's `verifyProof` (snarkjs groth16.verify), one proof after the other;
 *   - batch: core/groth16 `verifySemaphoreBatch` on the main thread (one core);
 *   - pool: server/zk `createProofVerifier` with one worker per core;
 * with each rate as a multiple of stock (goal: pool ≥ 13× stock on 2 cores), plus the backend
 * comparison behind the choice of WASM: one pairing and one G2 subgroup check in @noble/curves
 * (pure JS) and in wasmcurves (the WASM snarkjs uses).
 *
 * The proofs (BENCH_GROTH16_PROOFS, default 512, depths 1 to 8) are generated once into
 * .cache/bench/ (outside git) by one child process per core: about a minute per 100 proofs per core.
 * BENCH_ONLY=groth16 npm run bench runs this group alone.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bn254 } from "@noble/curves/bn254.js";
import { Group, generateProof, Identity, verifyProof } from "@semaphore-protocol/core";
import {
  createBn254Engine,
  type Groth16VerificationKey,
  parseVerificationKey,
  type SemaphoreProof,
  verifySemaphoreBatch,
} from "@/core/groth16";
import { artifactPath } from "@/server/zk/artifact-path";
import { buildBn254Wasm, createProofVerifier } from "@/server/zk/proof-verifier-pool";

const PROOFS = Number(process.env.BENCH_GROTH16_PROOFS ?? 512);
const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8];
const RUNS = 3;
const GOAL = 13;
const CACHE = path.resolve(import.meta.dirname, "../.cache/bench/groth16-proofs.json");
const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_FLAG = "--generate-groth16-proofs";

/** Proof i of the benchmark set: depth from DEPTHS, one of 8 voters of that depth's group. */
async function generate(i: number): Promise<SemaphoreProof> {
  const depth = DEPTHS[i % DEPTHS.length] as number;
  const members = Math.min(2 ** depth, 8);
  const identities = Array.from({ length: members }, (_, j) => new Identity(`plaza-bench-${depth}-${j}`));
  const group = new Group(identities.map((identity) => identity.commitment));
  const voter = identities[Math.floor(i / DEPTHS.length) % members] as Identity;
  return generateProof(voter, group, BigInt(i), `bench-poll-${i % 5}`, depth, {
    wasm: artifactPath(depth, "wasm"),
    zkey: artifactPath(depth, "zkey"),
  });
}

/** Child mode: prove [from, to) and print them as JSON. */
if (process.argv[1] === THIS_FILE && process.argv[2] === CHILD_FLAG) {
  const from = Number(process.argv[3]);
  const to = Number(process.argv[4]);
  const proofs: SemaphoreProof[] = [];
  for (let i = from; i < to; i++) proofs.push(await generate(i));
  // Exit only once the pipe has taken everything (stdout to a pipe is asynchronous).
  process.stdout.write(JSON.stringify(proofs), () => process.exit(0));
}

async function benchProofs(): Promise<SemaphoreProof[]> {
  if (existsSync(CACHE)) {
    const cached: SemaphoreProof[] = JSON.parse(await readFile(CACHE, "utf8"));
    if (cached.length >= PROOFS) return cached.slice(0, PROOFS);
  }
  const children = availableParallelism();
  console.log(`generating ${PROOFS} Semaphore proofs into ${CACHE} with ${children} processes…`);
  const started = performance.now();
  const per = Math.ceil(PROOFS / children);
  const parts = await Promise.all(
    Array.from({ length: children }, (_, c) => {
      const from = Math.min(c * per, PROOFS);
      const to = Math.min(from + per, PROOFS);
      return new Promise<SemaphoreProof[]>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [...process.execArgv, THIS_FILE, CHILD_FLAG, String(from), String(to)],
          {
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk;
        });
        child.on("error", reject);
        child.on("close", (code) =>
          code === 0
            ? resolve(JSON.parse(out))
            : reject(new Error(`proof generator exited with code ${code}`)),
        );
      });
    }),
  );
  const proofs = parts.flat();
  await mkdir(path.dirname(CACHE), { recursive: true });
  await writeFile(CACHE, JSON.stringify(proofs));
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return proofs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Proofs per second of `run` over `count` proofs: the median of RUNS timed runs. */
async function rate(count: number, run: () => Promise<boolean[]> | boolean[]): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const results = await run();
    const seconds = (performance.now() - started) / 1000;
    if (results.length !== count || !results.every(Boolean)) throw new Error("a valid proof was rejected");
    rates.push(count / seconds);
  }
  return median(rates);
}

function time(run: () => unknown, times: number): number {
  run();
  const started = performance.now();
  for (let i = 0; i < times; i++) run();
  return (performance.now() - started) / times;
}

/** One pairing and one G2 subgroup check in each backend, in milliseconds. */
async function backendComparison(): Promise<string> {
  const { G1, G2 } = { G1: bn254.G1.Point, G2: bn254.G2.Point };
  const p = G1.BASE.multiply(123456789n);
  const q = G2.BASE.multiply(987654321n);
  const noblePairing = time(() => bn254.pairing(p, q), 5);
  // A fresh point each time: noble remembers that a point instance was validated.
  const qAffine = q.toAffine();
  const nobleSubgroup = time(() => G2.fromAffine(qAffine).assertValidity(), 5);
  const engine = await createBn254Engine(buildBn254Wasm());
  const { wasmPairing, wasmSubgroup } = engine.scratch(() => {
    const a = engine.alloc(96);
    const b = engine.alloc(192);
    const lines = engine.alloc(19776);
    const { x, y } = p.toAffine();
    engine.writeG1Affine(a, x, y);
    const qa = q.toAffine();
    engine.writeG2Jacobian(b, [qa.x.c0, qa.x.c1], [qa.y.c0, qa.y.c1]);
    return {
      wasmPairing: time(() => {
        engine.prepareG2(b, lines);
        engine.pairingProductIsOne([a], [lines]);
      }, 20),
      wasmSubgroup: time(() => engine.isG2(b), 20),
    };
  });
  return (
    `backend: one pairing ${noblePairing.toFixed(2)} ms in @noble/curves vs ${wasmPairing.toFixed(2)} ms in WASM ` +
    `(${(noblePairing / wasmPairing).toFixed(1)}×); G2 subgroup check ${nobleSubgroup.toFixed(2)} ms vs ` +
    `${wasmSubgroup.toFixed(2)} ms (${(nobleSubgroup / wasmSubgroup).toFixed(1)}×)`
  );
}

export async function groth16Bench(): Promise<string[]> {
  console.log("\n## Groth16 (Semaphore proofs)");
  const out: string[] = [];
  const proofs = await benchProofs();
  const n = proofs.length;
  const cores = availableParallelism();

  // Stock: Semaphore's verifyProof, awaited one at a time.
  await verifyProof(proofs[0] as Parameters<typeof verifyProof>[0]); // builds snarkjs's curve
  const stock = await rate(n, async () => {
    const results: boolean[] = [];
    for (const proof of proofs) results.push(await verifyProof(proof as Parameters<typeof verifyProof>[0]));
    return results;
  });
  // snarkjs keeps its curve's worker threads alive; stop them so they neither skew the next
  // figures nor keep the process running.
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  const line = (label: string, perSecond: number) => {
    const ratio = perSecond / stock;
    const text = `${label}: ${perSecond.toFixed(0)} proofs/s (${(1e6 / perSecond).toFixed(0)} µs each), ${ratio.toFixed(1)}× stock`;
    console.log(text);
    return text;
  };
  out.push(`stock verifyProof one by one: ${stock.toFixed(1)} proofs/s (${n} proofs, depths 1-8)`);
  console.log(out[0]);

  // Batch on this thread.
  const engine = await createBn254Engine(buildBn254Wasm());
  const keys = new Map<number, Groth16VerificationKey>();
  for (const depth of new Set(proofs.map((p) => p.merkleTreeDepth))) {
    keys.set(depth, parseVerificationKey(JSON.parse(await readFile(artifactPath(depth, "json"), "utf8"))));
  }
  verifySemaphoreBatch(keys, proofs.slice(0, 64), { engine }); // warm up
  out.push(line("batch, 1 thread", await rate(n, () => verifySemaphoreBatch(keys, proofs, { engine }))));

  // Batch on every core.
  const verifier = createProofVerifier({ threads: cores });
  try {
    await verifier.ready();
    await verifier.verifyMany(proofs.slice(0, 64 * cores)); // loads keys, warms up
    const pooled = await rate(n, () => verifier.verifyMany(proofs));
    out.push(line(`batch, worker pool (${cores} threads)`, pooled));
    const verdict = pooled / stock >= GOAL ? "met" : "NOT met";
    out.push(`goal ≥ ${GOAL}× stock on ${cores} cores: ${verdict}`);
    console.log(out.at(-1));
  } finally {
    await verifier.close();
  }
  out.push(await backendComparison());
  console.log(out.at(-1));
  return out;
}
