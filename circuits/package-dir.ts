import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The root directory and version of an installed package, resolved the way Node would from
 * `from` (a file or directory). Packages whose `exports` hide `package.json` (snarkjs) are found by
 * resolving their entry point and walking up to the `package.json` that names them.
 */
export function packageDir(
  name: string,
  from: string = import.meta.dirname,
): { dir: string; version: string } {
  const require = createRequire(path.join(from, "noop.js"));
  let start: string;
  try {
    start = require.resolve(`${name}/package.json`);
  } catch {
    start = require.resolve(name);
  }
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (pkg.name === name) return { dir, version: pkg.version ?? "" };
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the package.json of ${name} above ${start}`);
  }
}
