import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { SemaphoreProof } from "@/core/groth16";
import { closeProofVerifier, getProofVerifier, VOTE_LINGER_MS } from "@/server/zk/get-proof-verifier";
import { FIXTURE_PROOFS } from "../core/groth16/helpers";

const proof = FIXTURE_PROOFS[0] as SemaphoreProof;

afterAll(() => closeProofVerifier());

describe("getProofVerifier", () => {
  it("gives every caller the same verifier, kept on globalThis so separately bundled routes share it", async () => {
    const first = getProofVerifier();
    expect(getProofVerifier()).toBe(first);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("plaza.proofVerifier")]).toBe(first);
    expect(await first.verify(proof)).toBe(true);
  });

  it("starts a new verifier after closeProofVerifier, and the closed one refuses work", async () => {
    const closed = getProofVerifier();
    await closeProofVerifier();
    await expect(closed.verify(proof)).rejects.toThrow(/closed/);
    const next = getProofVerifier();
    expect(next).not.toBe(closed);
    expect(await next.verify(proof)).toBe(true);
  });

  it("does nothing when closed twice", async () => {
    await closeProofVerifier();
    await expect(closeProofVerifier()).resolves.toBeUndefined();
  });
});

describe("the process-wide verifier", () => {
  it("waits VOTE_LINGER_MS so that votes arriving together are checked as one batch", async () => {
    await closeProofVerifier();
    const verifier = getProofVerifier();
    await verifier.ready();
    const post = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const proofs = FIXTURE_PROOFS.slice(0, 6);
      const started = performance.now();
      expect(await Promise.all(proofs.map((p) => verifier.verify(p)))).toEqual(proofs.map(() => true));
      expect(performance.now() - started).toBeGreaterThanOrEqual(VOTE_LINGER_MS - 1);
      expect(post.mock.calls.map(([message]) => (message as { proofs: unknown[] }).proofs.length)).toEqual([
        6,
      ]);
    } finally {
      post.mockRestore();
    }
  });
});
