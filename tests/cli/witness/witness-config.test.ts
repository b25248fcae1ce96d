import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWitnessConfig, parseListen } from "@/cli/witness/witness-config";
import { generateSignerKey, SIGNATURE_TYPE_COSIGNATURE_V1 } from "@/core/note";

let dir: string;
const witness = generateSignerKey("witness.test/w1", { type: SIGNATURE_TYPE_COSIGNATURE_V1 });
const logA = generateSignerKey("log.test/a");
const logA2 = generateSignerKey("log.test/a-next");
const logB = generateSignerKey("log.test/b");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plaza-witness-config-"));
  // The file plaza keygen writes to stdout: signer key, then verifier key.
  await writeFile(path.join(dir, "witness.key"), `${witness.signerKey}\n${witness.verifierKey}\n`, {
    mode: 0o600,
  });
  await writeFile(path.join(dir, "log.key"), `${logA.signerKey}\n`, { mode: 0o600 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("parseListen", () => {
  it.each<[string, { host: string; port: number }]>([
    ["127.0.0.1:7380", { host: "127.0.0.1", port: 7380 }],
    ["[::1]:8080", { host: "::1", port: 8080 }],
    [":7380", { host: "0.0.0.0", port: 7380 }],
    ["9000", { host: "127.0.0.1", port: 9000 }],
    ["witness.local:0", { host: "witness.local", port: 0 }],
  ])("reads %s", (listen, expected) => {
    expect(parseListen(listen)).toEqual(expected);
  });

  it.each(["", "host:", "host:99999", "::1:80", "a:b"])("rejects %j", (listen) => {
    expect(() => parseListen(listen)).toThrow(/--listen must be host:port/);
  });
});

describe("loadWitnessConfig", () => {
  it("reads the key, the logs and their origins from flags", async () => {
    const config = await loadWitnessConfig({
      key: path.join(dir, "witness.key"),
      "state-dir": path.join(dir, "state"),
      log: [logA.verifierKey, logA2.verifierKey, logB.verifierKey, logB.verifierKey],
      origin: ["log.test/a-next=log.test/a", "log.test/b=b.example/ledger"],
    });
    expect(config.signer.name).toBe("witness.test/w1");
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 7380,
      stateDir: path.join(dir, "state"),
      warnings: [],
    });
    // Two keys for one origin are both trusted (a log rotating its key); a repeated key counts once.
    expect(config.logs.map((l) => [l.origin, l.verifiers.map((v) => v.name)])).toEqual([
      ["log.test/a", ["log.test/a", "log.test/a-next"]],
      ["b.example/ledger", ["log.test/b"]],
    ]);
  });

  it("reads a JSON configuration with paths relative to it, flags winning", async () => {
    const file = path.join(dir, "witness.json");
    await writeFile(
      file,
      JSON.stringify({
        key: "witness.key",
        stateDir: "state",
        listen: "0.0.0.0:7390",
        logs: [{ key: logA.verifierKey }, { key: logB.verifierKey, origin: "b.example/ledger" }],
      }),
    );
    const config = await loadWitnessConfig({ config: file, listen: "127.0.0.1:7391" });
    expect(config).toMatchObject({ host: "127.0.0.1", port: 7391, stateDir: path.join(dir, "state") });
    expect(config.logs.map((l) => l.origin)).toEqual(["log.test/a", "b.example/ledger"]);
  });

  it("warns about a key file other users can read", async () => {
    const file = path.join(dir, "open.key");
    await writeFile(file, witness.signerKey);
    await chmod(file, 0o644);
    const config = await loadWitnessConfig({ key: file, "state-dir": dir, log: [logA.verifierKey] });
    expect(config.warnings[0]).toMatch(/readable by other users/);
  });

  const base = () => ({ key: path.join(dir, "witness.key"), "state-dir": dir, log: [logA.verifierKey] });
  it.each<[string, () => Record<string, unknown>, RegExp]>([
    ["no key", () => ({ ...base(), key: undefined }), /--key <file> is required/],
    ["no state directory", () => ({ ...base(), "state-dir": undefined }), /--state-dir <dir> is required/],
    ["no log", () => ({ ...base(), log: [] }), /at least one --log/],
    [
      "a missing key file",
      () => ({ ...base(), key: path.join(dir, "none.key") }),
      /cannot read the key file/,
    ],
    [
      "a log key as the witness key",
      () => ({ ...base(), key: path.join(dir, "log.key") }),
      /not a witness key/,
    ],
    [
      "a bad verifier key",
      () => ({ ...base(), log: ["log.test/a+00000000+AAAA"] }),
      /invalid log verifier key/,
    ],
    [
      "a witness key as a log key",
      () => ({ ...base(), log: [witness.verifierKey] }),
      /must be an Ed25519 note key/,
    ],
    ["a malformed --origin", () => ({ ...base(), origin: ["log.test/a"] }), /<key name>=<origin>/],
    ["an --origin for no log", () => ({ ...base(), origin: ["nobody=x"] }), /not a --log key/],
    [
      "a missing config file",
      () => ({ config: path.join(dir, "none.json") }),
      /cannot read the configuration/,
    ],
  ])("refuses %s with a clear message", async (_, flags, message) => {
    await expect(loadWitnessConfig(flags())).rejects.toThrow(message);
  });

  it("refuses a configuration file with unknown fields or bad JSON", async () => {
    const file = path.join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ keyFile: "witness.key" }));
    await expect(loadWitnessConfig({ config: file })).rejects.toThrow(/invalid configuration .*bad\.json/);
    await writeFile(file, "{ nope");
    await expect(loadWitnessConfig({ config: file })).rejects.toThrow(/invalid configuration/);
  });
});
