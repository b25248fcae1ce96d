import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { artifactUrl, readArtifact } from "@/server/services/zk/read-artifact";
import { loadManifest } from "@/server/zk/manifest";

async function sha256Of(stream: ReadableStream<Uint8Array>): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) h.update(chunk);
  return h.digest("hex");
}

describe("readArtifact", () => {
  it("serves an official artifact at its content address, with exactly the manifest's bytes", async () => {
    const url = await artifactUrl(1, "wasm");
    const [, , , hash, file] = url.split("/");
    expect(file).toBe("semaphore-1.wasm");
    const a = await readArtifact(hash as string, file as string);
    expect(a.contentType).toBe("application/wasm");
    expect(await sha256Of(a.body)).toBe(hash);
    const manifest = await loadManifest();
    expect(a.bytes).toBe(manifest.artifacts.depths.find((d) => d.depth === 1)?.wasm.bytes);
  });

  it.each([
    ["a wrong hash", "0".repeat(64), "semaphore-1.wasm"],
    ["a depth of 0", "0".repeat(64), "semaphore-0.wasm"],
    ["a depth of 33", "0".repeat(64), "semaphore-33.zkey"],
    ["a path traversal", "0".repeat(64), "..%2Fpackage.json"],
    ["another file of the package", "0".repeat(64), "package.json"],
  ])("answers NOT_FOUND for %s", async (_label, hash, file) => {
    await expect(readArtifact(hash, file)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not serve one artifact under another's hash", async () => {
    const zkeyHash = (await artifactUrl(2, "zkey")).split("/")[3] as string;
    await expect(readArtifact(zkeyHash, "semaphore-2.wasm")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
