import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { SemaphoreProof } from "@/core/groth16";
import { isAppError } from "@/server/errors/app-error";
import { closeProofVerifier, getProofVerifier } from "@/server/zk/get-proof-verifier";
import { verifyVoteProof } from "@/server/zk/verify-vote-proof";
import { cloneProof, FIXTURE_PROOFS, stockVerify } from "../core/groth16/helpers";

const valid = FIXTURE_PROOFS[0] as SemaphoreProof;
const swapped = cloneProof(valid, {
  points: [valid.points[1] as string, valid.points[0] as string, ...valid.points.slice(2)],
});
const offCurve = cloneProof(valid, { points: ["1", "1", ...valid.points.slice(2)] });
const malformed = cloneProof(valid, { scope: "-1" });

afterEach(() => vi.unstubAllEnvs());
afterAll(() => closeProofVerifier());

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    (v) => `resolved ${String(v)}`,
    (e: unknown) => (isAppError(e) ? e.code : `threw ${String(e)}`),
  );
}

describe("verifyVoteProof", () => {
  it("answers what Semaphore's verifyProof answers, through the worker pool", async () => {
    for (const [label, proof] of [
      ["valid", valid],
      ["points swapped", swapped],
      ["point A off the curve", offCurve],
    ] as const) {
      expect(await verifyVoteProof(proof), label).toBe(await stockVerify(proof));
    }
  });

  it("calls a proof the pool cannot decode invalid instead of failing", async () => {
    await expect(getProofVerifier().verify(malformed)).rejects.toThrow(TypeError);
    expect(await verifyVoteProof(malformed)).toBe(false);
  });

  it("turns a verifier failure into VERIFIER_UNAVAILABLE, logged once without the vote", async () => {
    const logged = Symbol.for("plaza.verifierFailureLogged");
    delete (globalThis as Record<symbol, unknown>)[logged];
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // The verifier the route uses is closed under it, as at shutdown.
      await getProofVerifier().close();
      expect(await codeOf(verifyVoteProof(valid))).toBe("VERIFIER_UNAVAILABLE");
      expect(await codeOf(verifyVoteProof(swapped))).toBe("VERIFIER_UNAVAILABLE");
      const lines = error.mock.calls.map((call) => call.join(" "));
      expect(lines).toEqual(["[plaza] vote proofs cannot be checked: the proof verifier is closed"]);
    } finally {
      error.mockRestore();
      await closeProofVerifier();
    }
    expect(await verifyVoteProof(valid)).toBe(true);
  });

  it("uses Semaphore's verifyProof on this thread with PLAZA_VOTE_VERIFIER=stock", async () => {
    vi.stubEnv("PLAZA_VOTE_VERIFIER", "stock");
    vi.resetModules();
    const stock = await import("@/server/zk/verify-vote-proof");
    await closeProofVerifier();
    expect(await stock.verifyVoteProof(valid)).toBe(true);
    expect(await stock.verifyVoteProof(swapped)).toBe(false);
    // No worker pool was started for it.
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("plaza.proofVerifier")]).toBeUndefined();
  });
});
