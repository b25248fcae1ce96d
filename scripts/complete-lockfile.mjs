#!/usr/bin/env node
// Fills package-lock.json entries for platform-specific optional packages (e.g.
// @biomejs/cli-darwin-arm64) that the registry reachable from this workplace does not serve, so
// `npm install` here cannot record them. Without them `npm ci` refuses the lock as out of sync.
// Each entry is what npm writes on a full registry: the exact version from the parent's
// optionalDependencies, "optional": true, and os/cpu/libc from the package name, so npm skips it
// on other platforms without fetching. Run after `npm install` whenever dependencies change.
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["android", "darwin", "linux", "win32", "freebsd", "openbsd", "sunos", "aix"];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  arm: "arm",
  ia32: "ia32",
  ppc64: "ppc64",
  s390x: "s390x",
  wasm32: "wasm32",
  riscv64: "riscv64",
};

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const [where, meta] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = where ? `${where}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[base] || packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      console.error(
        `complete-lockfile: ${name}@${spec} is not an exact version; install it on its platform instead`,
      );
      process.exitCode = 1;
      continue;
    }
    const tokens = name.split("/").pop().split("-");
    const entry = { version: spec, optional: true };
    const os = tokens.find((t) => OS.includes(t));
    const cpu = tokens.map((t) => CPU[t]).find(Boolean);
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (tokens.includes("musl")) entry.libc = ["musl"];
    else if (tokens.includes("gnu") || tokens.includes("gnueabihf")) entry.libc = ["glibc"];
    if (!os && !cpu) {
      console.error(`complete-lockfile: cannot tell the platform of ${name}; left out`);
      process.exitCode = 1;
      continue;
    }
    packages[`node_modules/${name}`] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
