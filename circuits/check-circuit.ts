import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { Group, generateProof, Identity, verifyProof } from "@semaphore-protocol/core";
import type { Groth16Proof, PublicSignals } from "snarkjs";
import { groth16, wtns, zKey } from "snarkjs";
import { artifactPath } from "../server/zk/artifact-path";
import type { TArtifactManifest } from "../server/zk/manifest";
import { loadManifest, MAX_DEPTH, MIN_DEPTH } from "../server/zk/manifest";
import { verifyArtifacts } from "../server/zk/verify-artifacts";
import { ARTIFACTS_PACKAGE, CIRCUIT_PACKAGE, installedPins } from "./build-manifest";
import { compareZkeyToR1cs } from "./compare-zkey-to-r1cs";
import { compileCircuit } from "./compile-circuit";
import { packageDir } from "./package-dir";
import { readBinFile } from "./read-bin-file";

/**
 * The depth recompiled by the check: `circuits/semaphore-1.circom`. Depth 1 is the cheapest
 * instance (about 1 800 constraints, two seconds to compile); every depth is the same template,
 * so it exercises all of `semaphore.circom` and every include. Deeper instances only repeat the
 * Merkle level (one Poseidon per level).
 */
export const CHECK_DEPTH = 1;

/** Which check failed, and why, in one line. */
export class CircuitCheckError extends Error {
  override name = "CircuitCheckError";
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(`${check}: ${message}`);
  }
}

export interface TCircuitCheckResult {
  depth: number;
  compileMs: number;
  /** The proof made with the recompiled witness generator and the official proving key. */
  proof: Groth16Proof;
  publicSignals: PublicSignals;
  /** The official verification key of `depth` (`semaphore-<depth>.json`), as parsed. */
  verificationKey: unknown;
}

/**
 * Shows that the ceremony artifacts Plaza serves are the ones `semaphore.circom` describes:
 * 1. every pinned file and version matches `circuits/manifest.json` (the server's start-up check);
 * 2. the circuit recompiles with circom2 at `CHECK_DEPTH`;
 * 3. the official proving key records exactly the recompiled constraint system;
 * 4. the official verification key is the one inside the proving key, and the one
 *    `@semaphore-protocol/proof` bundles for its `verifyProof`, at every depth;
 * 5. the recompiled and the official witness generators compute the same witness, wire for wire;
 * 6. a proof from the recompiled witness and the official proving key verifies against the
 *    official verification key, and fails once a public signal is changed;
 * 7. the same holds through the Semaphore library (`generateProof` / `verifyProof`).
 * Throws `CircuitCheckError` at the first failure.
 */
export async function checkCircuit(
  options: { outDir?: string; log?: (line: string) => void } = {},
): Promise<TCircuitCheckResult> {
  const log = options.log ?? (() => {});
  const depth = CHECK_DEPTH;
  const root = path.dirname(import.meta.dirname);
  const outDir = options.outDir ?? path.join(root, ".cache", "circuits", `depth-${depth}`);
  const ok = (check: string, detail: string) => log(`ok  ${check}: ${detail}`);
  const fail = (check: string, message: string): never => {
    throw new CircuitCheckError(check, message);
  };

  // 1. Pins.
  const manifest = await loadManifest();
  await verifyArtifacts().catch((e: unknown) =>
    fail("artifacts", e instanceof Error ? e.message : String(e)),
  );
  ok(
    "artifacts",
    `${manifest.artifacts.depths.length * 3} files of ${ARTIFACTS_PACKAGE}@${manifest.artifacts.version} match the manifest`,
  );
  const drift = pinDrift(manifest, await installedPins());
  if (drift.length > 0)
    fail("pins", `installed packages differ from circuits/manifest.json: ${drift.join("; ")}`);
  ok(
    "pins",
    `${CIRCUIT_PACKAGE}@${manifest.circuit.version} (semaphore.circom sha256 ${manifest.circuit.source.sha256.slice(0, 16)}…), ` +
      `snarkjs@${manifest.snarkjs.version}, circom2@${manifest.compiler.version}`,
  );

  // 2. Recompile.
  const circuitDir = packageDir(CIRCUIT_PACKAGE).dir;
  const compiled = await compileCircuit({
    mainFile: path.join(import.meta.dirname, `semaphore-${depth}.circom`),
    includeDirs: [
      path.join(circuitDir, "src"),
      path.join(packageDir("circomlib", circuitDir).dir, "circuits"),
      path.join(packageDir("@zk-kit/binary-merkle-root.circom", circuitDir).dir, "src"),
    ],
    outDir,
  }).catch((e: unknown) => fail("compile", e instanceof Error ? e.message : String(e)));
  const constraints = /non-linear constraints: (\d+)/.exec(compiled.output)?.[1] ?? "?";
  ok(
    "compile",
    `Semaphore(${depth}) with circom2 in ${(compiled.durationMs / 1000).toFixed(1)} s, ${constraints} constraints`,
  );

  const official = {
    wasm: artifactPath(depth, "wasm"),
    zkey: artifactPath(depth, "zkey"),
    json: artifactPath(depth, "json"),
  };
  const [recompiledWasm, officialWasm] = await Promise.all([
    readFile(compiled.wasmPath),
    readFile(official.wasm),
  ]);
  log(
    `info wasm: recompiled witness generator differs from semaphore-${depth}.wasm in ${differingBytes(recompiledWasm, officialWasm)} bytes (the compiler stamps its own version)`,
  );

  // 3. Proving key against the recompiled constraint system.
  const structure = compareZkeyToR1cs(await readFile(official.zkey), await readFile(compiled.r1csPath));
  if (!structure.ok) fail("zkey", structure.reason);
  else {
    ok(
      "zkey",
      `semaphore-${depth}.zkey records the recompiled circuit: ${structure.nConstraints} constraints, ${structure.nVars} wires, ` +
        `${structure.nPublic} public signals, domain ${structure.domainSize}, ${structure.nCoefficients} A/B coefficients identical`,
    );
  }

  // 4. Verification keys.
  const verificationKey: unknown = JSON.parse(await readFile(official.json, "utf8"));
  if (!isDeepStrictEqual(await zKey.exportVerificationKey(official.zkey), verificationKey)) {
    fail("vkey", `semaphore-${depth}.json is not the verification key inside semaphore-${depth}.zkey`);
  }
  ok("vkey", `semaphore-${depth}.json is the verification key inside semaphore-${depth}.zkey`);
  const bundledDrift = await bundledKeyDrift();
  if (bundledDrift.length > 0) fail("bundled vkeys", bundledDrift.join("; "));
  ok(
    "bundled vkeys",
    `@semaphore-protocol/proof verifyProof uses the pinned semaphore-<d>.json keys for depths ${MIN_DEPTH}..${MAX_DEPTH}`,
  );

  // 5. Witness: recompiled versus official generator, same input.
  const fixture = proofFixture();
  const input = circuitInputs(fixture, depth);
  const recompiledWtns = path.join(outDir, "recompiled.wtns");
  const officialWtns = path.join(outDir, "official.wtns");
  await wtns.calculate(input, compiled.wasmPath, recompiledWtns);
  await wtns.calculate(input, official.wasm, officialWtns);
  const witness = witnessValues(await readFile(recompiledWtns));
  if (!isDeepStrictEqual(witness, witnessValues(await readFile(officialWtns)))) {
    fail("witness", `the recompiled and official witness generators disagree on the same input`);
  }
  const nPublic = 4; // merkleRoot, nullifier (outputs), then message, scope (public inputs)
  const expectedPublic = witness.slice(1, 1 + nPublic).map(String);
  ok(
    "witness",
    `recompiled and official generators agree on all ${witness.length} wires; public signals [root, nullifier, message, scope] = [${expectedPublic.map(short).join(", ")}]`,
  );

  // 6. Proof with the recompiled witness and the official proving key.
  const { proof, publicSignals } = await groth16.prove(official.zkey, recompiledWtns);
  if (!isDeepStrictEqual(publicSignals, expectedPublic))
    fail("proof", "the proof's public signals are not the witness's");
  if (!(await groth16.verify(verificationKey, publicSignals, proof))) {
    fail("proof", `the proof from the recompiled witness does not verify against semaphore-${depth}.json`);
  }
  ok(
    "proof",
    `groth16 proof from the recompiled witness and semaphore-${depth}.zkey verifies against semaphore-${depth}.json`,
  );
  const tampered = [...publicSignals];
  tampered[1] = (BigInt(publicSignals[1] ?? "0") + 1n).toString();
  if (await groth16.verify(verificationKey, tampered, proof))
    fail("tamper", "a proof verified with a changed nullifier");
  ok("tamper", "the same proof with the nullifier changed by one is rejected");

  // 7. Through the Semaphore library, which builds the inputs itself.
  const libraryProof = await generateProof(
    fixture.identity,
    fixture.group(),
    fixture.message,
    fixture.scope,
    depth,
    {
      wasm: compiled.wasmPath,
      zkey: official.zkey,
    },
  );
  if (libraryProof.merkleTreeRoot !== expectedPublic[0] || libraryProof.nullifier !== expectedPublic[1]) {
    fail(
      "library",
      "generateProof built different circuit inputs than this check (root or nullifier differ)",
    );
  }
  if (!(await verifyProof(libraryProof)))
    fail("library", "verifyProof rejected a proof from the recompiled witness generator");
  ok(
    "library",
    "@semaphore-protocol/core generateProof with the recompiled wasm and the official zkey passes verifyProof",
  );

  return { depth, compileMs: compiled.durationMs, proof, publicSignals, verificationKey };
}

/** A fixed identity in a two-member group (a full depth-1 tree), proving as the second leaf. */
function proofFixture() {
  const identity = new Identity("plaza circuits:check fixed identity");
  const other = new Identity("plaza circuits:check other member");
  return {
    identity,
    // A fresh group each time: generateProof pads the Merkle proof's siblings in place.
    group: () => new Group([other.commitment, identity.commitment]),
    message: 1n, // e.g. the index of the chosen option
    scope: 20_260_101n, // e.g. a poll id: one nullifier per identity per scope
  };
}

/**
 * The circuit inputs exactly as `@semaphore-protocol/proof` generateProof builds them (4.14.2):
 * siblings padded with zeros to the circuit's depth, message and scope reduced with `hash`.
 */
function circuitInputs(fixture: ReturnType<typeof proofFixture>, depth: number) {
  const group = fixture.group();
  const merkleProof = group.generateMerkleProof(group.indexOf(fixture.identity.commitment));
  const siblings = [...merkleProof.siblings];
  while (siblings.length < depth) siblings.push(0n);
  return {
    secret: fixture.identity.secretScalar,
    merkleProofLength: merkleProof.siblings.length,
    merkleProofIndex: merkleProof.index,
    merkleProofSiblings: siblings,
    scope: semaphoreHash(fixture.scope),
    message: semaphoreHash(fixture.message),
  };
}

/**
 * Semaphore's `hash` (proof/src/hash.ts): keccak256 of the value as 32 big-endian bytes, shifted
 * right by 8 bits so it fits the BN254 scalar field.
 */
function semaphoreHash(value: bigint): bigint {
  const bytes = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError("value must fit in 32 bytes");
  return BigInt(`0x${bytesToHex(keccak_256(bytes))}`) >> 8n;
}

/** Every wire of a `.wtns` file, wire 0 (the constant 1) first. */
function witnessValues(bytes: Uint8Array): bigint[] {
  const sections = readBinFile(bytes, "wtns");
  const header = sections.get(1);
  const values = sections.get(2);
  if (!header || !values) throw new TypeError("wtns file lacks its header or values");
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const n8 = view.getUint32(0, true);
  const out: bigint[] = [];
  for (let at = 0; at + n8 <= values.length; at += n8) {
    let v = 0n;
    for (let i = n8 - 1; i >= 0; i--) v = (v << 8n) | BigInt(values[at + i] as number);
    out.push(v);
  }
  return out;
}

/** Fields where the installed packages differ from the manifest's pins, as `path: manifest X, installed Y`. */
function pinDrift(
  manifest: TArtifactManifest,
  installed: Awaited<ReturnType<typeof installedPins>>,
): string[] {
  const pinned = {
    manifestVersion: manifest.manifestVersion,
    snarkjs: manifest.snarkjs,
    circuit: manifest.circuit,
    compiler: manifest.compiler,
    artifacts: { name: manifest.artifacts.name, version: manifest.artifacts.version },
  };
  const drift: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        walk(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          at ? `${at}.${key}` : key,
        );
      }
    } else if (a !== b) {
      drift.push(`${at}: manifest ${JSON.stringify(a)}, installed ${JSON.stringify(b)}`);
    }
  };
  walk(pinned, installed, "");
  return drift;
}

/**
 * `verifyProof` in `@semaphore-protocol/proof` does not read the artifacts package: it carries its
 * own copy of every verification key (src/verification-keys.json, inlined in its build). Votes
 * verified through it are only as trustworthy as that copy, so it must equal the pinned keys.
 */
async function bundledKeyDrift(): Promise<string[]> {
  const proofDir = packageDir("@semaphore-protocol/proof", packageDir("@semaphore-protocol/core").dir).dir;
  const bundled = JSON.parse(
    await readFile(path.join(proofDir, "src", "verification-keys.json"), "utf8"),
  ) as Record<string, unknown> & { vk_delta_2: unknown[]; IC: unknown[] };
  const fields = ["protocol", "curve", "nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2"] as const;
  const drift: string[] = [];
  for (let depth = MIN_DEPTH; depth <= MAX_DEPTH; depth++) {
    const pinned = JSON.parse(await readFile(artifactPath(depth, "json"), "utf8")) as Record<string, unknown>;
    const derived: Record<string, unknown> = {
      ...Object.fromEntries(fields.map((f) => [f, bundled[f]])),
      vk_delta_2: bundled.vk_delta_2[depth - 1],
      IC: bundled.IC[depth - 1],
    };
    for (const key of [...fields, "vk_delta_2", "IC"]) {
      if (!isDeepStrictEqual(derived[key], pinned[key]))
        drift.push(`depth ${depth}: ${key} differs from semaphore-${depth}.json`);
    }
  }
  return drift;
}

function differingBytes(a: Uint8Array, b: Uint8Array): number {
  let count = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) count++;
  return count;
}

function short(value: string): string {
  return value.length > 12 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}
