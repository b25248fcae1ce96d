import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { artifactsDir } from "@/server/zk/artifact-path";
import { loadManifest, type TArtifactManifest } from "@/server/zk/manifest";
import { ArtifactIntegrityError, verifyArtifacts } from "@/server/zk/verify-artifacts";

// A copy of depth 1 only (3.3 MB) with a manifest listing just it: the full set is 164 MB.
let dir: string;
let manifestPath: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plaza-artifacts-"));
  const manifest = await loadManifest();
  const depth1 = manifest.artifacts.depths.find((d) => d.depth === 1);
  if (!depth1) throw new Error("the committed manifest has no depth 1");
  for (const entry of [depth1.wasm, depth1.zkey, depth1.json]) {
    await copyFile(path.join(artifactsDir(), entry.file), path.join(dir, entry.file));
  }
  manifestPath = path.join(dir, "manifest.json");
  await writeManifest({ ...manifest, artifacts: { ...manifest.artifacts, depths: [depth1] } });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writeManifest = (manifest: TArtifactManifest | object) =>
  writeFile(manifestPath, JSON.stringify(manifest));

async function rejection(options: {
  artifactsDir?: string;
  manifestPath?: string;
}): Promise<ArtifactIntegrityError> {
  const error = await verifyArtifacts(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArtifactIntegrityError);
  const integrity = error as ArtifactIntegrityError;
  expect(integrity.message, "the message is one line").not.toContain("\n");
  return integrity;
}

describe("verifyArtifacts", () => {
  it("accepts the installed artifacts against the committed manifest", async () => {
    const started = performance.now();
    await expect(verifyArtifacts()).resolves.toBeUndefined();
    // 164 MB of sha256; about a quarter of a second on a 2-core CI machine with a warm cache.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("accepts an exact copy listed by its own manifest", async () => {
    await expect(verifyArtifacts({ artifactsDir: dir, manifestPath })).resolves.toBeUndefined();
  });

  it("rejects a file with one flipped byte, naming it with the expected and actual hashes", async () => {
    const file = path.join(dir, "semaphore-1.zkey");
    const bytes = await readFile(file);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
    await writeFile(file, bytes);
    const { sha256 } = (await loadManifest(manifestPath)).artifacts.depths[0]?.zkey ?? { sha256: "" };

    const error = await rejection({ artifactsDir: dir, manifestPath });
    expect(error.file).toBe("semaphore-1.zkey");
    expect(error.message).toMatch(
      /^ZK artifact semaphore-1\.zkey does not match .*manifest\.json: expected sha256 [0-9a-f]{64} .* got [0-9a-f]{64} /,
    );
    expect(error.message).toContain(sha256);
  });

  it("rejects a missing file, naming it", async () => {
    await unlink(path.join(dir, "semaphore-1.json"));
    const error = await rejection({ artifactsDir: dir, manifestPath });
    expect(error.file).toBe("semaphore-1.json");
    expect(error.message).toMatch(/^ZK artifact semaphore-1\.json is missing at /);
  });

  it("names the first bad file in manifest order and counts the others", async () => {
    await unlink(path.join(dir, "semaphore-1.wasm"));
    await unlink(path.join(dir, "semaphore-1.json"));
    const error = await rejection({ artifactsDir: dir, manifestPath });
    expect(error.file).toBe("semaphore-1.wasm");
    expect(error.message).toMatch(/\(and 1 more\)$/);
  });

  it("rejects an installed artifacts package of another version than the pinned one", async () => {
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "@zk-kit/semaphore-artifacts", version: "4.12.0" }),
    );
    const error = await rejection({ artifactsDir: dir, manifestPath });
    expect(error.file).toBe("package.json");
    expect(error.message).toMatch(/version 4\.12\.0 .* pins 4\.13\.0/);
  });

  it("rejects a manifest that is missing or malformed, naming it", async () => {
    const missing = await rejection({ artifactsDir: dir, manifestPath: path.join(dir, "nope.json") });
    expect(missing.file).toBe(path.join(dir, "nope.json"));

    await writeManifest({ manifestVersion: 1 });
    const malformed = await rejection({ artifactsDir: dir, manifestPath });
    expect(malformed.file).toBe(manifestPath);
    expect(malformed.message).toMatch(/^invalid ZK artifact manifest /);
  });
});
