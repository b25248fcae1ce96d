import path from "node:path";
import type { TArtifactManifest } from "../server/zk/manifest";
import { MAX_DEPTH, MIN_DEPTH, ZArtifactManifest } from "../server/zk/manifest";
import { sha256File } from "../server/zk/sha256-file";
import { packageDir } from "./package-dir";

export const CIRCUIT_PACKAGE = "@semaphore-protocol/circuits";
export const ARTIFACTS_PACKAGE = "@zk-kit/semaphore-artifacts";
export const COMPILER_PACKAGE = "circom2";
/** The circuit's own includes (`babyjub`, `poseidon`, `comparators`, `binary-merkle-root`). */
export const CIRCUIT_DEPENDENCIES = ["circomlib", "@zk-kit/binary-merkle-root.circom"] as const;
export const CIRCUIT_SOURCE = "src/semaphore.circom";

/**
 * Everything the manifest pins except the artifact hashes: exact versions of the circuit package,
 * its includes, snarkjs, circom2 and the artifacts package, and the sha256 of `semaphore.circom`.
 */
export async function installedPins() {
  const circuit = packageDir(CIRCUIT_PACKAGE);
  // The circuit's includes are resolved from the circuit package, as its own compile would.
  const dependencies = CIRCUIT_DEPENDENCIES.map((name) => ({
    name,
    version: packageDir(name, circuit.dir).version,
  }));
  return {
    manifestVersion: 1 as const,
    snarkjs: { name: "snarkjs", version: packageDir("snarkjs").version },
    circuit: {
      name: CIRCUIT_PACKAGE,
      version: circuit.version,
      template: "Semaphore" as const,
      publicInputs: ["message", "scope"] as ["message", "scope"],
      source: {
        path: CIRCUIT_SOURCE,
        sha256: (await sha256File(path.join(circuit.dir, CIRCUIT_SOURCE))).sha256,
      },
      dependencies,
    },
    compiler: { name: COMPILER_PACKAGE, version: packageDir(COMPILER_PACKAGE).version },
    artifacts: { name: ARTIFACTS_PACKAGE, version: packageDir(ARTIFACTS_PACKAGE).version },
  };
}

/**
 * The manifest describing what is installed now: `installedPins()` plus the sha256 and size of
 * every ceremony artifact for depths 1 to 32. `circuits/write-manifest.ts` commits it.
 */
export async function buildManifest(): Promise<TArtifactManifest> {
  const pins = await installedPins();
  const artifactsDir = packageDir(ARTIFACTS_PACKAGE).dir;
  const entry = async (file: string) => ({ file, ...(await sha256File(path.join(artifactsDir, file))) });
  const depths = [];
  for (let depth = MIN_DEPTH; depth <= MAX_DEPTH; depth++) {
    depths.push({
      depth,
      wasm: await entry(`semaphore-${depth}.wasm`),
      zkey: await entry(`semaphore-${depth}.zkey`),
      json: await entry(`semaphore-${depth}.json`),
    });
  }
  return ZArtifactManifest.parse({ ...pins, artifacts: { ...pins.artifacts, depths } });
}
