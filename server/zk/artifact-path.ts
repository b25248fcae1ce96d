import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { TArtifactKind } from "./manifest";
import { MAX_DEPTH, MIN_DEPTH } from "./manifest";

const ARTIFACTS_PACKAGE = "@zk-kit/semaphore-artifacts";

let resolvedDir: string | undefined;

/**
 * The directory of the installed `@zk-kit/semaphore-artifacts` package, whatever the working
 * directory. Node resolution from this module comes first; when a bundler has rewritten
 * `require.resolve` (it may return a module id instead of a path) or `import.meta.url` points into
 * a build output, fall back to `node_modules` under the working directory, where `next start` and
 * `npm start` run.
 */
export function artifactsDir(): string {
  resolvedDir ??= resolveArtifactsDir();
  return resolvedDir;
}

function resolveArtifactsDir(): string {
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve(`${ARTIFACTS_PACKAGE}/package.json`);
    if (typeof resolved === "string" && path.isAbsolute(resolved) && existsSync(resolved)) {
      return path.dirname(resolved);
    }
  } catch {
    // Not resolvable from here (bundled code); the fallback below is checked by verifyArtifacts.
  }
  return path.join(process.cwd(), "node_modules", ARTIFACTS_PACKAGE);
}

/**
 * The absolute path of one official Semaphore v4 ceremony artifact: the witness generator
 * (`wasm`), the proving key (`zkey`) or the snarkjs verification key (`json`) for trees of
 * `depth` levels. Only serve these after `verifyArtifacts()` has passed.
 */
export function artifactPath(depth: number, kind: TArtifactKind): string {
  if (!Number.isInteger(depth) || depth < MIN_DEPTH || depth > MAX_DEPTH) {
    throw new RangeError(`depth must be an integer from ${MIN_DEPTH} to ${MAX_DEPTH}, got ${String(depth)}`);
  }
  if (kind !== "wasm" && kind !== "zkey" && kind !== "json") {
    throw new TypeError(`kind must be "wasm", "zkey" or "json", got ${JSON.stringify(kind)}`);
  }
  return path.join(artifactsDir(), `semaphore-${depth}.${kind}`);
}
