import { describe, expect, it } from "vitest";
import { loadManifest, MAX_DEPTH, ZArtifactManifest } from "@/server/zk/manifest";

describe("loadManifest", () => {
  it("loads the committed manifest, which pins every depth from 1 to 32 by file name", async () => {
    const manifest = await loadManifest();
    expect(manifest.artifacts.depths.map((d) => d.depth)).toEqual(
      Array.from({ length: MAX_DEPTH }, (_, i) => i + 1),
    );
    for (const d of manifest.artifacts.depths) {
      for (const kind of ["wasm", "zkey", "json"] as const) {
        expect(d[kind].file, `depth ${d.depth} ${kind}`).toBe(`semaphore-${d.depth}.${kind}`);
      }
    }
  });

  it("pins the exact versions the issue names", async () => {
    const manifest = await loadManifest();
    expect(manifest.circuit).toMatchObject({ name: "@semaphore-protocol/circuits", version: "4.14.2" });
    expect(manifest.artifacts).toMatchObject({ name: "@zk-kit/semaphore-artifacts", version: "4.13.0" });
    expect(manifest.snarkjs).toEqual({ name: "snarkjs", version: "0.7.5" });
  });
});

describe("ZArtifactManifest", () => {
  const valid = async () => structuredClone(await loadManifest());
  type TMutable = Awaited<ReturnType<typeof valid>>;

  const depth = (m: TMutable, i: number) => {
    const entry = m.artifacts.depths[i];
    if (!entry) throw new Error(`the committed manifest has no depth index ${i}`);
    return entry;
  };

  const hostile: [string, (m: TMutable) => void][] = [
    [
      "a version range",
      (m) => {
        m.artifacts.version = "^4.13.0";
      },
    ],
    [
      "an uppercase hash",
      (m) => {
        depth(m, 0).zkey.sha256 = "A".repeat(64);
      },
    ],
    [
      "a short hash",
      (m) => {
        m.circuit.source.sha256 = "abc";
      },
    ],
    [
      "a file outside the package",
      (m) => {
        depth(m, 0).wasm.file = "../x.wasm";
      },
    ],
    [
      "the parent directory as a file",
      (m) => {
        depth(m, 0).json.file = "..";
      },
    ],
    [
      "a source path climbing out",
      (m) => {
        m.circuit.source.path = "../src/semaphore.circom";
      },
    ],
    [
      "depth 0",
      (m) => {
        depth(m, 0).depth = 0;
      },
    ],
    [
      "depth 33",
      (m) => {
        depth(m, 0).depth = 33;
      },
    ],
    [
      "a depth listed twice",
      (m) => {
        depth(m, 1).depth = 1;
      },
    ],
    [
      "no depths",
      (m) => {
        m.artifacts.depths = [];
      },
    ],
    [
      "a negative size",
      (m) => {
        depth(m, 0).json.bytes = -1;
      },
    ],
    [
      "another manifest version",
      (m) => {
        (m as { manifestVersion: number }).manifestVersion = 2;
      },
    ],
  ];
  for (const [label, mutate] of hostile) {
    it(`rejects ${label}`, async () => {
      const manifest = await valid();
      mutate(manifest);
      expect(ZArtifactManifest.safeParse(manifest).success, label).toBe(false);
    });
  }
});
