import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { artifactPath, artifactsDir } from "@/server/zk/artifact-path";

describe("artifactPath", () => {
  it("resolves each kind of artifact inside the installed @zk-kit/semaphore-artifacts", () => {
    for (const kind of ["wasm", "zkey", "json"] as const) {
      for (const depth of [1, 16, 32]) {
        const file = artifactPath(depth, kind);
        expect(file, `${depth} ${kind}`).toBe(path.join(artifactsDir(), `semaphore-${depth}.${kind}`));
        expect(existsSync(file), `${depth} ${kind}`).toBe(true);
      }
    }
    expect(path.isAbsolute(artifactsDir())).toBe(true);
    expect(existsSync(path.join(artifactsDir(), "package.json"))).toBe(true);
  });

  for (const depth of [0, 33, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`rejects depth ${depth} with a RangeError`, () => {
      expect(() => artifactPath(depth, "zkey")).toThrow(RangeError);
    });
  }

  it("rejects an unknown kind with a TypeError", () => {
    expect(() => artifactPath(1, "r1cs" as "zkey")).toThrow(TypeError);
  });
});
