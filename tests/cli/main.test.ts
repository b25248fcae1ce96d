import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCosignatureVerifier } from "@/core/cosignature";
import { openNote, parseSignerKey, parseVerifierKey } from "@/core/note";
import { runCli } from "./run-cli";
import { simulatedLog } from "./witness/simulated-log";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/plaza.mjs");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plaza-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the real bin the way npx does, from another directory to show it does not need the cwd. */
function plaza(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
}

const run = runCli;

describe("node bin/plaza.mjs", () => {
  it("prints the commands on --help", () => {
    const r = plaza(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: plaza <command>/);
    expect(r.stdout).toContain("witness");
    expect(r.stdout).toContain("keygen");
  });

  it("generates a log key pair with keygen <name>", () => {
    const r = plaza(["keygen", "example.org/log"]);
    expect(r.status, r.stderr).toBe(0);
    const [signerKey, verifierKey, rest] = r.stdout.split("\n");
    expect(rest).toBe("");
    const signer = parseSignerKey(signerKey as string);
    const verifier = parseVerifierKey(verifierKey as string);
    expect(signer).toMatchObject({ name: "example.org/log", type: 0x01 });
    expect(verifier.publicKey).toEqual(signer.publicKey);
  });

  it("refuses an unknown command with one line and exit code 2", () => {
    const r = plaza(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('plaza: unknown command "frobnicate" (see "plaza --help")\n');
  });

  it("runs a witness until SIGTERM, cosigning over HTTP", async () => {
    const keyFile = path.join(dir, "w.key");
    expect(plaza(["keygen", "--witness", "--out", keyFile, "witness.test/cli"]).status).toBe(0);
    const log = simulatedLog("log.test/cli");
    const child = spawn(
      process.execPath,
      [
        bin,
        "witness",
        "--key",
        keyFile,
        "--log",
        log.verifierKey,
        "--listen",
        "127.0.0.1:0",
        "--state-dir",
        path.join(dir, "state"),
      ],
      { cwd: dir },
    );
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`witness did not start: ${stdout}`)), 30_000);
        child.stdout.on("data", () => {
          const match = / listening on (http:\/\/\S+)\n/.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const verifierKey = /verifier key: (\S+)/.exec(stdout)?.[1] as string;
      const res = await fetch(`${url}/add-checkpoint`, { method: "POST", body: await log.request(0, 3) });
      expect(res.status).toBe(200);
      const verifier = parseVerifierKey(verifierKey);
      const cosigned = openNote(log.checkpoint(3) + (await res.text()), [
        createCosignatureVerifier(verifier.name, verifier.publicKey),
      ]);
      expect(cosigned?.verified).toHaveLength(1);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/POST \/add-checkpoint 200 origin=log\.test\/cli old=0 size=3 cosigned/);
  });
});

describe("main", () => {
  it("writes a witness key file with --out, mode 0600, and never overwrites it", async () => {
    const file = path.join(dir, "witness.key");
    const first = await run(["keygen", "--witness", "--out", file, "witness.test/w1"]);
    expect(first.code).toBe(0);
    const signer = parseSignerKey((await readFile(file, "utf8")).trim());
    expect(signer.type).toBe(0x04);
    expect(parseVerifierKey(first.stdout.trim()).keyId).toBe(signer.keyId);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await run(["keygen", "--witness", "--out", file, "witness.test/w1"]);
    expect(second).toMatchObject({
      code: 1,
      stderr: `plaza: keygen: ${file} already exists; not overwriting it\n`,
    });
  });

  it.each<[string[], number, RegExp]>([
    [["keygen"], 2, /^plaza: keygen: expected one key name/],
    [["keygen", "a b"], 2, /^plaza: keygen: "a b" is not a valid key name/],
    [["keygen", "--nope", "x"], 2, /^plaza: keygen: Unknown option '--nope'/],
    [["witness", "--log", "x"], 2, /^plaza: witness: --key <file> is required/],
  ])("reports %j as one line on stderr", async (args, code, message) => {
    const r = await run(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints each command's help", async () => {
    for (const command of ["keygen", "witness"]) {
      const r = await run([command, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: plaza ${command} `));
    }
  });
});
