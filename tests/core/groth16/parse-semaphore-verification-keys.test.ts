import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSemaphoreVerificationKeys, parseVerificationKey } from "@/core/groth16";
import { artifactPath } from "@/server/zk/artifact-path";

const root = path.resolve(import.meta.dirname, "../../..");
const pinned = readFileSync(path.join(root, "circuits/semaphore-verification-keys.json"), "utf8");

describe("parseSemaphoreVerificationKeys", () => {
  it("pins exactly the keys @semaphore-protocol/proof verifies with", () => {
    const bundled = readFileSync(
      path.join(root, "node_modules/@semaphore-protocol/proof/src/verification-keys.json"),
      "utf8",
    );
    expect(JSON.parse(pinned)).toEqual(JSON.parse(bundled));
  });

  it("gives, for every depth 1..32, the key of the official ceremony artifact of that depth", () => {
    const keys = parseSemaphoreVerificationKeys(JSON.parse(pinned));
    expect([...keys.keys()]).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    for (const depth of [1, 2, 10, 16, 32]) {
      const artifact = JSON.parse(readFileSync(artifactPath(depth, "json"), "utf8"));
      expect(keys.get(depth), `depth ${depth}`).toEqual(parseVerificationKey(artifact));
    }
  });

  it("refuses a file without per-depth keys", () => {
    expect(() => parseSemaphoreVerificationKeys({})).toThrow(TypeError);
    expect(() => parseSemaphoreVerificationKeys(null)).toThrow(TypeError);
    const broken = { ...JSON.parse(pinned), IC: [[["1", "2", "1"]]] };
    expect(() => parseSemaphoreVerificationKeys(broken)).toThrow(TypeError);
  });
});
