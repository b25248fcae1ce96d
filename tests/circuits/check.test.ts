import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { groth16 } from "snarkjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_DEPTH, checkCircuit, type TCircuitCheckResult } from "@/circuits/check-circuit";
import { compareZkeyToR1cs } from "@/circuits/compare-zkey-to-r1cs";
import { artifactPath } from "@/server/zk/artifact-path";

// One recompilation (a few seconds) shared by every case below.
let outDir: string;
let result: TCircuitCheckResult;
const lines: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "plaza-circuit-"));
  result = await checkCircuit({ outDir, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("checkCircuit", () => {
  it("passes every check on the pinned circuit and artifacts", () => {
    const passed = lines.filter((l) => l.startsWith("ok ")).map((l) => l.slice(4, l.indexOf(":")));
    expect(passed).toEqual([
      "artifacts",
      "pins",
      "compile",
      "zkey",
      "vkey",
      "bundled vkeys",
      "witness",
      "proof",
      "tamper",
      "library",
    ]);
    expect(result.depth).toBe(CHECK_DEPTH);
  });

  it("returns a proof from the recompiled witness generator that verifies against the official key", async () => {
    expect(await groth16.verify(result.verificationKey, result.publicSignals, result.proof)).toBe(true);
  });

  it("returns a proof that no longer verifies once any public signal is changed", async () => {
    const names = ["merkleRoot", "nullifier", "message", "scope"];
    expect(result.publicSignals).toHaveLength(names.length);
    for (const [i, name] of names.entries()) {
      const tampered = [...result.publicSignals];
      tampered[i] = (BigInt(tampered[i] ?? "0") + 1n).toString();
      expect(await groth16.verify(result.verificationKey, tampered, result.proof), `tampered ${name}`).toBe(
        false,
      );
    }
  });

  it("returns a proof that does not verify under another depth's verification key", async () => {
    const other = JSON.parse(await readFile(artifactPath(CHECK_DEPTH + 1, "json"), "utf8")) as unknown;
    expect(await groth16.verify(other, result.publicSignals, result.proof)).toBe(false);
  });
});

describe("compareZkeyToR1cs", () => {
  const r1cs = () => readFile(path.join(outDir, `semaphore-${CHECK_DEPTH}.r1cs`));
  const zkey = (depth: number) => readFile(artifactPath(depth, "zkey"));

  it("accepts the official proving key for the recompiled circuit", async () => {
    expect(compareZkeyToR1cs(await zkey(CHECK_DEPTH), await r1cs())).toMatchObject({ ok: true, nPublic: 4 });
  });

  it("rejects the proving key of another depth", async () => {
    const comparison = compareZkeyToR1cs(await zkey(CHECK_DEPTH + 1), await r1cs());
    expect(comparison).toMatchObject({ ok: false, reason: expect.stringMatching(/wires/) });
  });

  it("rejects a proving key with one A/B coefficient changed", async () => {
    const bytes = await zkey(CHECK_DEPTH);
    // The last byte of the coefficients section: the file ends with sections written after it,
    // so find section 4 from the header (u32 id, u64 size) instead of guessing an offset.
    let at = 12;
    let end = -1;
    while (at < bytes.length) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + at);
      const id = view.getUint32(0, true);
      const size = Number(view.getBigUint64(4, true));
      if (id === 4) end = at + 12 + size;
      at += 12 + size;
    }
    expect(end).toBeGreaterThan(0);
    const tampered = Uint8Array.from(bytes);
    tampered[end - 1] = (tampered[end - 1] ?? 0) ^ 0x01;
    const comparison = compareZkeyToR1cs(tampered, await r1cs());
    expect(comparison).toMatchObject({ ok: false, reason: expect.stringMatching(/coefficient \d+ differs/) });
  });
});
