import { execFile } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { packageDir } from "./package-dir";

const run = promisify(execFile);

export interface TCompiledCircuit {
  r1csPath: string;
  wasmPath: string;
  durationMs: number;
  /** The compiler's summary (template instances, constraints, wires), for the report. */
  output: string;
}

/**
 * Compiles a circom main file with circom2, the WASM build of the circom compiler, to `.r1cs` and
 * the `.wasm` witness generator. Flags follow Semaphore's circomkit.json (`optimization: 2`), the
 * settings the ceremony artifacts were built with; other simplification levels give other wires.
 *
 * circom2 runs the compiler under WASI with the working directory's ancestors preopened, and it
 * cannot reach paths that start with `..`: so it runs from the common ancestor of every path
 * involved and gets paths below it.
 */
export async function compileCircuit(options: {
  mainFile: string;
  includeDirs: readonly string[];
  outDir: string;
}): Promise<TCompiledCircuit> {
  const { mainFile, includeDirs, outDir } = options;
  // A fresh directory: stale outputs from an earlier run must never stand in for this compile.
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const cli = path.join(packageDir("circom2").dir, "cli.js");
  const cwd = commonAncestor([mainFile, outDir, ...includeDirs]);
  const rel = (p: string) => path.relative(cwd, p) || ".";
  const args = [cli, rel(mainFile), "--r1cs", "--wasm", "--O2", "-o", rel(outDir)];
  for (const dir of includeDirs) args.push("-l", rel(dir));

  const started = performance.now();
  let output: string;
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd, maxBuffer: 16 << 20 });
    output = stripAnsi(`${stdout}${stderr}`);
  } catch (e) {
    const { stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string };
    throw new Error(`circom2 failed to compile ${mainFile}:\n${stripAnsi(`${stdout}${stderr}`).trim()}`);
  }
  const durationMs = performance.now() - started;

  const name = path.basename(mainFile, ".circom");
  return {
    r1csPath: path.join(outDir, `${name}.r1cs`),
    wasmPath: path.join(outDir, `${name}_js`, `${name}.wasm`),
    durationMs,
    output,
  };
}

function commonAncestor(paths: readonly string[]): string {
  const split = paths.map((p) => path.resolve(p).split(path.sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join(path.sep) || path.sep;
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
