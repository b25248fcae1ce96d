import { afterEach, describe, expect, it, vi } from "vitest";
import { ArtifactError, artifactRef, loadArtifact } from "@/app/_lib/prover/load-artifact";

const HASH = "a".repeat(64);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("artifactRef", () => {
  it("takes the sha256 from a content-addressed artifact URL", () => {
    expect(artifactRef(`/zk/artifacts/${HASH}/semaphore-10.zkey`)).toEqual({
      url: `/zk/artifacts/${HASH}/semaphore-10.zkey`,
      sha256: HASH,
    });
  });

  it.each([
    ["another path", `/zk/other/${HASH}/semaphore-1.wasm`],
    ["a short hash", `/zk/artifacts/${"a".repeat(63)}/semaphore-1.wasm`],
    ["an upper-case hash", `/zk/artifacts/${"A".repeat(64)}/semaphore-1.wasm`],
    ["another origin", `https://evil.example/zk/artifacts/${HASH}/semaphore-1.wasm`],
    ["a path after the file", `/zk/artifacts/${HASH}/semaphore-1.wasm/x`],
  ])("refuses %s", (_label, url) => {
    expect(() => artifactRef(url)).toThrow(TypeError);
  });
});

describe("loadArtifact", () => {
  const bytes = new TextEncoder().encode("circuit bytes");
  async function sha256(b: Uint8Array) {
    const d = new Uint8Array(await crypto.subtle.digest("SHA-256", b as BufferSource));
    return Array.from(d, (x) => x.toString(16).padStart(2, "0")).join("");
  }

  it("returns the downloaded bytes when they match the sha256 in the address, fetching without credentials", async () => {
    const fetch = vi.fn(async (_req: Request) => new Response(bytes));
    vi.stubGlobal("fetch", fetch);
    const hash = await sha256(bytes);
    const got = await loadArtifact({
      url: `http://localhost/zk/artifacts/${hash}/semaphore-1.wasm`,
      sha256: hash,
    });
    expect(got).toEqual(bytes);
    expect(fetch.mock.calls[0]?.[0].credentials).toBe("omit");
  });

  it("refuses bytes that do not match the sha256 (ARTIFACT_MISMATCH)", async () => {
    vi.stubGlobal("fetch", async () => new Response(bytes));
    await expect(
      loadArtifact({ url: `http://localhost/zk/artifacts/${HASH}/semaphore-1.wasm`, sha256: HASH }),
    ).rejects.toMatchObject({ code: "ARTIFACT_MISMATCH" });
  });

  it("reports a failed download as ARTIFACT_UNAVAILABLE", async () => {
    vi.stubGlobal("fetch", async () => new Response("gone", { status: 404 }));
    const e = await loadArtifact({
      url: `http://localhost/zk/artifacts/${HASH}/semaphore-1.wasm`,
      sha256: HASH,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ArtifactError);
    expect(e).toMatchObject({ code: "ARTIFACT_UNAVAILABLE" });
  });
});
