#!/usr/bin/env node
// The `plaza` command (package.json "bin"). Plaza ships TypeScript sources, so this launcher
// registers tsx's ESM loader and then runs cli/main.ts: `npx plaza ...` works from a clone without
// a build step. The CLI imports core/ by relative paths, so it runs from any working directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });

try {
  const { main } = await import("../cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Only reached if the CLI itself fails to load (main never throws): still one line, no stack.
  process.stderr.write(`plaza: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
  process.exitCode = 1;
}
