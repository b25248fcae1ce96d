import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWitnessServer, type WitnessServer } from "@/cli/witness/witness-server";
import { createCosignatureVerifier, parseCosignature } from "@/core/cosignature";
import { encodeBase64 } from "@/core/encoding";
import {
  generateSignerKey,
  type NoteSigner,
  openNote,
  parseSignatureLine,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  signNote,
} from "@/core/note";
import { formatAddCheckpointRequest } from "@/core/witness";
import { simulatedLog } from "./simulated-log";

const witnessKey = parseSignerKey(
  generateSignerKey("witness.test/w1", { type: SIGNATURE_TYPE_COSIGNATURE_V1 }).signerKey,
);
const witnessVerifier = createCosignatureVerifier(witnessKey.name, witnessKey.publicKey);

const log = simulatedLog("log.test/a");
const other = simulatedLog("log.test/b");
const stranger = simulatedLog("log.test/a"); // same origin, a key the witness does not trust

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "plaza-witness-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function start(
  stateDir: string,
  options: { beforeRename?: () => void; signer?: NoteSigner; log?: (line: string) => void } = {},
) {
  return startWitnessServer({
    signer: options.signer ?? witnessKey,
    logs: [log, other].map((l) => ({ origin: l.origin, verifiers: [parseVerifierKey(l.verifierKey)] })),
    stateDir,
    port: 0,
    log: options.log ?? (() => {}),
    beforeRename: options.beforeRename,
  });
}

async function post(server: WitnessServer, body: string | Uint8Array) {
  const res = await fetch(`${server.url}/add-checkpoint`, {
    method: "POST",
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

/** Checks a 200 response: one cosignature/v1 line by the witness key over exactly this checkpoint. */
function expectCosignature(response: { status: number; body: string }, checkpoint: string) {
  expect(response.status, response.body).toBe(200);
  expect(response.body).toMatch(/^— witness\.test\/w1 [A-Za-z0-9+/=]+\n$/);
  const opened = openNote(checkpoint + response.body, [witnessVerifier]);
  expect(opened?.verified).toHaveLength(1);
  const { timestamp } = parseCosignature(parseSignatureLine(response.body.slice(0, -1)).signature);
  expect(Number(timestamp)).toBeGreaterThan(Date.now() / 1000 - 60);
  expect(Number(timestamp)).toBeLessThanOrEqual(Date.now() / 1000 + 1);
}

describe("the witness server (c2sp.org/tlog-witness add-checkpoint)", () => {
  let stateDir: string;
  let server: WitnessServer;
  const lines: string[] = [];
  beforeAll(async () => {
    stateDir = await tempDir();
    server = await start(stateDir, { log: (line) => lines.push(line) });
  });
  afterAll(() => server.close());

  it("cosigns the first checkpoint of a log with old size 0 (trust on first use)", async () => {
    const response = await post(server, await log.request(0, 5));
    expectCosignature(response, log.checkpoint(5));
  });

  it("cosigns growth with a valid consistency proof", async () => {
    expectCosignature(await post(server, await log.request(5, 9)), log.checkpoint(9));
  });

  it("cosigns the same checkpoint again with old size = size and an empty proof", async () => {
    expectCosignature(await post(server, await log.request(9, 9)), log.checkpoint(9));
  });

  it("answers a wrong old size with 409 and its size as text/x.tlog.size", async () => {
    const response = await post(server, await log.request(7, 12));
    expect(response).toEqual({ status: 409, type: "text/x.tlog.size", body: "9\n" });
    // A client that has no idea starts at 0 and learns the size the same way.
    expect(await post(server, await log.request(0, 12))).toMatchObject({ status: 409, body: "9\n" });
  });

  it("refuses a rollback: an older checkpoint gets 409 (or 400 if it claims the current size)", async () => {
    const older = await post(server, await log.request(0, 5));
    expect(older).toEqual({ status: 409, type: "text/x.tlog.size", body: "9\n" });
    const claimed = formatAddCheckpointRequest({ oldSize: 9n, proof: [], checkpoint: log.checkpoint(5) });
    expect((await post(server, claimed)).status).toBe(400);
  });

  it("refuses a fork of the same size with 409 and keeps the signed checkpoint as evidence", async () => {
    const forked = log.fork("forked");
    const response = await post(server, await forked.request(9, 9));
    expect(response.status).toBe(409);
    expect(response.type).not.toBe("text/x.tlog.size");
    const evidence = await readdir(path.join(stateDir, "evidence"));
    expect(evidence).toHaveLength(1);
    expect(await readFile(path.join(stateDir, "evidence", evidence[0] as string), "utf8")).toContain(
      forked.checkpoint(9),
    );
  });

  it("refuses a fork that grows (its proof cannot reach the cosigned root) with 422", async () => {
    const forked = log.fork("forked");
    const body = formatAddCheckpointRequest({
      oldSize: 9n,
      proof: await forked.proof(9, 12),
      checkpoint: forked.checkpoint(12),
    });
    expect((await post(server, body)).status).toBe(422);
  });

  it("refuses a bad consistency proof with 422", async () => {
    const proof = await log.proof(9, 12);
    const bad = proof.map((h, i) => (i === 0 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
    const cases: [string, Uint8Array[]][] = [
      ["a flipped bit", bad],
      ["a missing hash", proof.slice(1)],
      ["an extra hash", [...proof, new Uint8Array(32)]],
      ["no proof at all", []],
    ];
    for (const [label, p] of cases) {
      const body = formatAddCheckpointRequest({ oldSize: 9n, proof: p, checkpoint: log.checkpoint(12) });
      expect((await post(server, body)).status, label).toBe(422);
    }
    // A proof is never valid with old size 0 (the spec says it MUST be empty).
    const withProof = `old 0\n${encodeBase64(new Uint8Array(32))}\n\n${other.checkpoint(3)}`;
    expect((await post(server, withProof)).status).toBe(422);
  });

  it("refuses a checkpoint not signed by the trusted key with 403", async () => {
    expect((await post(server, await stranger.request(9, 12))).status).toBe(403);
    // A trusted key's line with a broken signature is refused, even next to a good one.
    const good = log.checkpoint(12);
    const forged = good.replace(/\n— (\S+) (\S+)\n$/, (_, name: string, sig: string) => {
      const bytes = Buffer.from(sig, "base64");
      bytes[10] = (bytes[10] ?? 0) ^ 1;
      return `\n— ${name} ${bytes.toString("base64")}\n`;
    });
    expect(forged).not.toBe(good);
    const body = formatAddCheckpointRequest({
      oldSize: 9n,
      proof: await log.proof(9, 12),
      checkpoint: forged,
    });
    expect((await post(server, body)).status).toBe(403);
  });

  it("ignores signatures from unknown keys next to the trusted one", async () => {
    const text = log.checkpoint(12).split("\n\n")[0];
    const cosigned = signNote(`${text}\n`, [log.signer, stranger.signer]);
    const body = formatAddCheckpointRequest({
      oldSize: 9n,
      proof: await log.proof(9, 12),
      checkpoint: cosigned,
    });
    expectCosignature(await post(server, body), cosigned);
  });

  it("answers an unknown origin with 404", async () => {
    const unknown = simulatedLog("log.test/unknown");
    expect((await post(server, await unknown.request(0, 1))).status).toBe(404);
  });

  it.each<[string, string]>([
    ["an empty body", ""],
    ["no old line", `\n${"x"}`],
    ["an old size with a leading zero", `old 012\n\n${"log.test/a\n1\n"}`],
    ["no blank line before the checkpoint", "old 0\nlog.test/a\n"],
    ["an unsigned checkpoint", "old 0\n\nlog.test/a\n1\nAAAA\n"],
    ["a proof line that is not base64", "old 1\n!!!!\n\nlog.test/a\n1\n"],
    ["invalid UTF-8", "old 0\n\n\u00ff"],
  ])("answers a malformed body (%s) with 400", async (_, body) => {
    const bytes = body === "old 0\n\n\u00ff" ? new Uint8Array([...Buffer.from("old 0\n\n"), 0xff]) : body;
    expect((await post(server, bytes)).status).toBe(400);
  });

  it("answers a signed note that is not a checkpoint with 400", async () => {
    const note = signNote("log.test/a\nnot a size\nAAAA\n", [log.signer]);
    expect((await post(server, `old 0\n\n${note}`)).status).toBe(400);
  });

  it("refuses bodies over the size limit, other methods and other paths", async () => {
    expect((await post(server, "x".repeat(70 * 1024))).status).toBe(413);
    expect((await fetch(`${server.url}/add-checkpoint`)).status).toBe(405);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it("serves a text status on GET /", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(server.verifierKey);
    expect(text).toContain(`log.test/a: size 12, root ${encodeBase64(log.root(12))}`);
  });

  it("logs one line per request with the outcome", async () => {
    const before = lines.length;
    await post(server, await log.request(0, 1));
    expect(lines.slice(before)).toHaveLength(1);
    expect(lines.at(-1)).toMatch(
      / POST \/add-checkpoint 409 origin=log\.test\/a old=0 size=1 conflict: witness is at 12 /,
    );
  });

  it("serializes concurrent requests for one origin: one of two racing updates wins", async () => {
    const [a, b] = await Promise.all([
      post(server, await log.request(12, 20)),
      post(server, await log.request(12, 15)),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? 20 : 15;
    expect([a, b].find((r) => r.status === 409)?.body).toBe(`${winner}\n`);
  });
});

describe("witness state", () => {
  it("survives a restart: a new server on the same directory remembers every log", async () => {
    const stateDir = await tempDir();
    const first = await start(stateDir);
    expect((await post(first, await log.request(0, 4))).status).toBe(200);
    expect((await post(first, await other.request(0, 2))).status).toBe(200);
    await first.close();

    const second = await start(stateDir);
    try {
      expect(await post(second, await log.request(0, 6))).toMatchObject({ status: 409, body: "4\n" });
      expect(await post(second, await other.request(0, 6))).toMatchObject({ status: 409, body: "2\n" });
      expectCosignature(await post(second, await log.request(4, 6)), log.checkpoint(6));
    } finally {
      await second.close();
    }
  });

  it("keeps the old state when the process dies between writing and renaming the new one", async () => {
    const stateDir = await tempDir();
    const first = await start(stateDir);
    expect((await post(first, await log.request(0, 4))).status).toBe(200);
    const stateFiles = (await readdir(stateDir)).filter((f) => f.endsWith(".json"));
    const before = await readFile(path.join(stateDir, stateFiles[0] as string), "utf8");
    await first.close();

    const crashing = await start(stateDir, {
      beforeRename: () => {
        throw new Error("simulated crash");
      },
    });
    // Nothing durable, so no cosignature either.
    const response = await post(crashing, await log.request(4, 8));
    expect(response.status).toBe(500);
    expect(response.body).not.toContain("—");
    expect(await readFile(path.join(stateDir, stateFiles[0] as string), "utf8")).toBe(before);
    expect((await readdir(stateDir)).some((f) => f.includes(".tmp-"))).toBe(true);
    await crashing.close();

    const restarted = await start(stateDir);
    try {
      expect((await readdir(stateDir)).some((f) => f.includes(".tmp-"))).toBe(false);
      expect(await post(restarted, await log.request(0, 8))).toMatchObject({ status: 409, body: "4\n" });
      expectCosignature(await post(restarted, await log.request(4, 8)), log.checkpoint(8));
    } finally {
      await restarted.close();
    }
  });

  it("refuses to start on a damaged state file instead of forgetting the log's size", async () => {
    const stateDir = await tempDir();
    const first = await start(stateDir);
    expect((await post(first, await log.request(0, 4))).status).toBe(200);
    await first.close();
    const file = (await readdir(stateDir)).find((f) => f.endsWith(".json")) as string;
    const state = JSON.parse(await readFile(path.join(stateDir, file), "utf8")) as { size: string };
    await writeFile(path.join(stateDir, file), JSON.stringify({ ...state, size: "3" }));
    await expect(start(stateDir)).rejects.toThrow(/damaged/);
    await writeFile(path.join(stateDir, file), "{");
    await expect(start(stateDir)).rejects.toThrow(/damaged/);
  });

  it("refuses a state directory locked by another running process", async () => {
    const stateDir = await tempDir();
    await writeFile(path.join(stateDir, "witness.lock"), `${process.ppid}\n`);
    await expect(start(stateDir)).rejects.toThrow(/in use by process/);
    // A lock left by a process that is gone is taken over.
    await writeFile(path.join(stateDir, "witness.lock"), "2147483646\n");
    await (await start(stateDir)).close();
  });

  it("refuses to run with a log key instead of a cosignature key", async () => {
    await expect(start(await tempDir(), { signer: log.signer })).rejects.toThrow(/cosignature\/v1/);
  });
});
