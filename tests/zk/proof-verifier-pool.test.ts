import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as snarkjs from "snarkjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  loadBn254WasmFromSnarkjs,
  type SemaphoreProof,
  type SnarkjsCurves,
  verifySemaphoreBatch,
} from "@/core/groth16";
import { buildBn254Wasm, createProofVerifier, type TProofVerifier } from "@/server/zk/proof-verifier-pool";
import {
  cloneProof,
  FIXTURE_PROOFS,
  pointA,
  pointB,
  semaphoreKeys,
  testEngine,
  torsionPoint,
  withA,
  withB,
} from "../core/groth16/helpers";

const F = FIXTURE_PROOFS;
const at = (i: number) => F[i] as SemaphoreProof;

// Fixture proofs, valid and spoiled in the ways of tests/core/groth16, in an order that mixes depths.
const batch: SemaphoreProof[] = [
  ...F,
  withA(at(0), pointA(at(0)).double()),
  cloneProof(at(1), { merkleTreeRoot: at(1).nullifier, nullifier: at(1).merkleTreeRoot }),
  cloneProof(at(2), { merkleTreeDepth: 3 }),
  withB(at(3), pointB(at(3)).add(torsionPoint(10069n))),
  cloneProof(at(4), { message: "5" }),
  ...[...F].reverse(),
];
const expected = batch.map((_, i) => i < F.length || i >= F.length + 5);

let verifier: TProofVerifier;
beforeAll(async () => {
  verifier = createProofVerifier({ threads: 2, batchSize: 4 });
  await verifier.ready();
});
afterAll(async () => {
  await verifier.close();
});

describe("buildBn254Wasm", () => {
  it("builds the very module snarkjs verifies with", async () => {
    const snarkjsBytes = await loadBn254WasmFromSnarkjs(
      (snarkjs as unknown as { curves: SnarkjsCurves }).curves,
    );
    expect(Buffer.from(buildBn254Wasm()).equals(Buffer.from(snarkjsBytes))).toBe(true);
  });
});

describe("createProofVerifier", () => {
  it("gives the answers of verifySemaphoreBatch on the main thread", async () => {
    const local = verifySemaphoreBatch(semaphoreKeys(), batch, { engine: await testEngine() });
    expect(local).toEqual(expected);
    expect(await verifier.verifyMany(batch)).toEqual(expected);
  });

  it("answers concurrent calls each in its own order", async () => {
    const reversed = [...batch].reverse();
    const [a, b] = await Promise.all([verifier.verifyMany(batch), verifier.verifyMany(reversed)]);
    expect(a).toEqual(expected);
    expect(b).toEqual([...expected].reverse());
  });

  it("checks single proofs that arrive while the workers are busy as batches", async () => {
    const post = vi.spyOn(Worker.prototype, "postMessage");
    const singles = Array.from({ length: 40 }, (_, i) => batch[i % batch.length] as SemaphoreProof);
    const { verify } = verifier; // usable detached, as an injected dependency
    const answers = await Promise.all(singles.map((proof) => verify(proof)));
    expect(answers).toEqual(singles.map((_, i) => expected[i % batch.length]));
    // Two go out at once (one per idle worker); the rest wait and go in messages of batchSize 4.
    expect(post.mock.calls.length).toBeLessThanOrEqual(2 + 38 / 4 + 2);
    post.mockRestore();
  });

  it("fails only the call with a malformed proof among calls merged with it", async () => {
    const calls = Array.from({ length: 10 }, (_, i) =>
      verifier.verify(i === 6 ? cloneProof(at(1), { scope: "-1" }) : at(i % F.length)),
    );
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(settled.map((_, i) => (i === 6 ? "rejected" : "fulfilled")));
    const failure = settled[6] as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(TypeError);
    expect(String(failure.reason.message)).toMatch(/^proof\.scope must be an ASCII decimal/);
  });

  it("answers an empty call", async () => {
    expect(await verifier.verifyMany([])).toEqual([]);
  });

  it("keeps the event loop free while workers verify", async () => {
    const many = Array.from({ length: 96 }, (_, i) => at(i % F.length));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    try {
      expect(await verifier.verifyMany(many)).toEqual(many.map(() => true));
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });

  it("rejects a malformed proof with the error of decodeSemaphoreProof, naming its index", async () => {
    const bad = [...batch];
    bad[13] = cloneProof(at(6), { points: [...at(6).points.slice(0, 7), "x"] });
    const call = verifier.verifyMany(bad);
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(/^proofs\[13\]\.points\[7\] must be an ASCII decimal/);
    bad[13] = cloneProof(at(6), { merkleTreeDepth: 40 });
    await expect(verifier.verifyMany(bad)).rejects.toThrow(RangeError);
    // The workers are still there.
    expect(await verifier.verifyMany(batch)).toEqual(expected);
  });

  it("refuses bad options", () => {
    expect(() => createProofVerifier({ threads: 0 })).toThrow(RangeError);
    expect(() => createProofVerifier({ batchSize: 1.5 })).toThrow(RangeError);
    for (const lingerMs of [-1, Number.NaN, 1001])
      expect(() => createProofVerifier({ lingerMs }), String(lingerMs)).toThrow(RangeError);
  });

  describe("with lingerMs", () => {
    let lingering: TProofVerifier;
    beforeAll(async () => {
      lingering = createProofVerifier({ threads: 2, batchSize: 8, lingerMs: 300 });
      await lingering.ready();
    });
    afterAll(() => lingering.close());

    it("holds single calls that arrive apart until they share one batch", async () => {
      const post = vi.spyOn(Worker.prototype, "postMessage");
      try {
        const started = performance.now();
        const calls: Promise<boolean>[] = [];
        for (let i = 0; i < 5; i++) {
          calls.push(lingering.verify(batch[i] as SemaphoreProof));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(await Promise.all(calls)).toEqual(expected.slice(0, 5));
        expect(performance.now() - started).toBeGreaterThanOrEqual(290);
        expect(post.mock.calls.map(([message]) => (message as { proofs: unknown[] }).proofs.length)).toEqual([
          5,
        ]);
      } finally {
        post.mockRestore();
      }
    });

    it("sends a full batch at once, without waiting", async () => {
      const post = vi.spyOn(Worker.prototype, "postMessage");
      try {
        const started = performance.now();
        const calls = batch.slice(0, 8).map((proof) => lingering.verify(proof));
        expect(await Promise.all(calls)).toEqual(expected.slice(0, 8));
        expect(performance.now() - started).toBeLessThan(300);
        expect(post.mock.calls.map(([message]) => (message as { proofs: unknown[] }).proofs.length)).toEqual([
          8,
        ]);
      } finally {
        post.mockRestore();
      }
    });
  });

  it("uses every core by default, and refuses work once closed", async () => {
    const other = createProofVerifier();
    expect(other.threads).toBe(availableParallelism());
    expect(await other.verifyMany([at(0)])).toEqual([true]);
    await other.close();
    await expect(other.verifyMany([at(0)])).rejects.toThrow(/closed/);
  });
});
