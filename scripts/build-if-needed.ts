import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Everything that changes what `next build` produces. */
const INPUT_DIRS = ["app", "server", "core", "i18n", "messages", "circuits", "drizzle", "public"];
const INPUT_FILES = [
  "next.config.js",
  "postcss.config.mjs",
  "instrumentation.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const STAMP = path.join(".next", "plaza-build-stamp");

function walk(dir: string, out: string[]) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** A content hash of the build inputs: a fresh clone or any edit triggers a build, nothing else. */
export function sourceHash(root = process.cwd()): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.join(root, d), files);
  for (const f of INPUT_FILES) if (existsSync(path.join(root, f))) files.push(path.join(root, f));
  const h = createHash("sha256");
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update("\0");
    h.update(readFileSync(f));
  }
  return h.digest("hex");
}

export function buildIfNeeded(root = process.cwd()): void {
  const hash = sourceHash(root);
  const stamp = path.join(root, STAMP);
  if (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === hash
  ) {
    return;
  }
  console.log("[plaza] building the app (first start or sources changed)…");
  const started = Date.now();
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("[plaza] the build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, hash);
  console.log(`[plaza] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
