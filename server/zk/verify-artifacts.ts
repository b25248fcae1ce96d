import { readFile } from "node:fs/promises";
import path from "node:path";
import { ArtifactIntegrityError } from "./artifact-integrity-error";
import { artifactsDir } from "./artifact-path";
import type { TArtifactManifest } from "./manifest";
import { loadManifest, MANIFEST_NAME } from "./manifest";
import { sha256File } from "./sha256-file";

export { ArtifactIntegrityError } from "./artifact-integrity-error";

// Files hashed at once. SHA-256 itself runs on the main thread, so more streams than this only
// add open descriptors; a few keep the disk busy while the CPU hashes (measured in circuits/README.md).
const CONCURRENCY = 8;

type TArtifactEntry = TArtifactManifest["artifacts"]["depths"][number]["wasm"];

/**
 * Refuses to go on unless every artifact the manifest lists is present and is exactly the pinned
 * bytes: the witness generators and proving keys served to browsers, and the verification keys
 * votes are checked against. A substituted proving key could leak nothing, but a substituted
 * verification key could accept forged votes, so a mismatch is fatal, never a warning.
 *
 * Throws `ArtifactIntegrityError` naming the first bad file in manifest order (and how many more).
 */
export async function verifyArtifacts(
  options: { artifactsDir?: string; manifestPath?: string } = {},
): Promise<void> {
  const manifest = await loadManifest(options.manifestPath);
  const manifestName = options.manifestPath ?? MANIFEST_NAME;
  const dir = options.artifactsDir ?? artifactsDir();

  await checkInstalledVersion(dir, manifest, manifestName);

  const entries = manifest.artifacts.depths.flatMap((d) => [d.wasm, d.zkey, d.json]);
  const failures = (
    await mapConcurrently(entries, CONCURRENCY, (entry) => checkEntry(dir, entry, manifestName))
  ).filter((failure): failure is ArtifactIntegrityError => failure !== undefined);
  const first = failures[0];
  if (first) {
    if (failures.length > 1) first.message += ` (and ${failures.length - 1} more)`;
    throw first;
  }
}

async function checkEntry(
  dir: string,
  entry: TArtifactEntry,
  manifestName: string,
): Promise<ArtifactIntegrityError | undefined> {
  const filePath = path.join(dir, entry.file);
  let actual: { sha256: string; bytes: number };
  try {
    actual = await sha256File(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "is missing" : `cannot be read (${code ?? String(e)})`;
    return new ArtifactIntegrityError(
      entry.file,
      `ZK artifact ${entry.file} ${why} at ${filePath}; ${manifestName} expects sha256 ${entry.sha256}`,
    );
  }
  if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
    return new ArtifactIntegrityError(
      entry.file,
      `ZK artifact ${entry.file} does not match ${manifestName}: expected sha256 ${entry.sha256} (${entry.bytes} bytes), ` +
        `got ${actual.sha256} (${actual.bytes} bytes) at ${filePath}`,
    );
  }
  return undefined;
}

/**
 * When the directory is the installed package, its version must be the pinned one. Hashes alone
 * would catch a different release, but this names the real cause (a reinstall or a lock drift).
 */
async function checkInstalledVersion(
  dir: string,
  manifest: TArtifactManifest,
  manifestName: string,
): Promise<void> {
  let installed: { name?: unknown; version?: unknown };
  try {
    installed = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as typeof installed;
  } catch {
    return; // A plain directory of artifacts (a copy, a mount): the hashes decide.
  }
  const { name, version } = manifest.artifacts;
  if (installed.name === name && installed.version !== version) {
    throw new ArtifactIntegrityError(
      "package.json",
      `ZK artifacts package ${name} is version ${String(installed.version)} in ${dir}; ${manifestName} pins ${version}`,
    );
  }
}

/** `items.map(fn)` with at most `limit` calls in flight, results in input order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
