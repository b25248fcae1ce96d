import { spawnSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWitnessServer, type WitnessServer } from "@/cli/witness/witness-server";
import { formatCheckpoint, openCheckpoint } from "@/core/checkpoint";
import { createCosignatureVerifier, signCosignature } from "@/core/cosignature";
import { hashLeaf, merkleTreeHash } from "@/core/merkle";
import {
  formatSignatureLine,
  formatVerifierKey,
  generateSignerKey,
  type NoteSigner,
  parseSignerKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  signNote,
} from "@/core/note";
import { formatAddCheckpointRequest } from "@/core/witness";
import { ledgerCheckpoints, ledgerCosignatures, ledgerEntries } from "@/server/db/schema";
import { type TWitnessEndpoint, ZWitnesses } from "@/server/env";
import { startLedgerRuntime } from "@/server/ledger/ledger-runtime";
import { LedgerWriter } from "@/server/ledger/ledger-writer";
import { type SignedCheckpoint, signCheckpoint } from "@/server/ledger/sign-checkpoint";
import { WitnessClient } from "@/server/ledger/witness-client";
import { getLatestCheckpoint } from "@/server/services/ledger/get-latest-checkpoint";
import { listWitnesses } from "@/server/services/ledger/list-witnesses";
import { createTestDb, type TestDb } from "../../helpers/create-test-db";
import { sampleEntry } from "../../helpers/sample-entries";
import { testLogIdentity } from "../../helpers/test-log-identity";

const root = path.resolve(import.meta.dirname, "../../..");
const identity = testLogIdentity("plaza.test/witnessed");
const witnessKey = (name: string) =>
  parseSignerKey(generateSignerKey(name, { type: SIGNATURE_TYPE_COSIGNATURE_V1 }).signerKey);

let t: TestDb;
let appended = 0;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
  await t.close();
});

async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "plaza-witness-client-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Appends n entries and signs a checkpoint of the grown tree. */
async function grow(n: number): Promise<SignedCheckpoint> {
  const writer = new LedgerWriter(t.db);
  await Promise.all(Array.from({ length: n }, (_, i) => writer.append(sampleEntry(appended + i))));
  appended += n;
  const signed = await signCheckpoint(t.db, identity);
  if (!signed) throw new Error("nothing signed");
  return signed;
}

async function startWitness(signer: NoteSigner, stateDir: string): Promise<WitnessServer> {
  const server = await startWitnessServer({
    signer,
    logs: [{ origin: identity.origin, verifiers: [identity.verifier] }],
    stateDir,
    port: 0,
    log: () => {},
  });
  cleanup.push(() => server.close());
  return server;
}

function formatKey(signer: NoteSigner): string {
  return formatVerifierKey(signer.name, signer.type, signer.publicKey);
}

/** The witness as PLAZA_WITNESSES would configure it. */
function endpoint(signer: NoteSigner, url: string): TWitnessEndpoint {
  return ZWitnesses.parse(`${formatKey(signer)}@${url}`)[0] as TWitnessEndpoint;
}

/** A checkpoint as the log signed it (the served note also carries cosignatures). */
async function storedCheckpoint(size?: bigint) {
  const [row] = await t.db
    .select()
    .from(ledgerCheckpoints)
    .where(size === undefined ? undefined : eq(ledgerCheckpoints.size, size))
    .orderBy(desc(ledgerCheckpoints.size))
    .limit(1);
  if (!row) throw new Error(`no checkpoint ${size}`);
  return { size: row.size, note: row.note };
}

async function cosignatureRows(witness: string) {
  return t.db
    .select()
    .from(ledgerCosignatures)
    .where(eq(ledgerCosignatures.witness, witness))
    .orderBy(asc(ledgerCosignatures.checkpointSize));
}

describe("WitnessClient with a real witness", () => {
  const key = witnessKey("witness.test/w1");
  const verifier = createCosignatureVerifier(key.name, key.publicKey);
  let stateDir: string;
  let witness: WitnessServer;
  let client: WitnessClient;
  const lines: string[] = [];
  const newClient = () =>
    new WitnessClient(t.db, [endpoint(key, witness.url)], { log: (l) => lines.push(l) });

  beforeAll(async () => {
    stateDir = await tempDir();
    witness = await startWitness(key, stateDir);
    client = newClient();
  });

  it("stores a cosignature that verifies, and the served checkpoint carries it", async () => {
    const signed = await grow(10);
    expect(await client.cosign(signed)).toMatchObject([{ witness: key.name, status: "cosigned" }]);
    const rows = await cosignatureRows(key.name);
    expect(rows.map((r) => r.checkpointSize)).toEqual([10n]);

    const latest = await getLatestCheckpoint(t.db);
    expect(latest?.witnesses).toEqual([key.name]);
    const opened = openCheckpoint({
      note: latest?.note ?? "",
      origin: identity.origin,
      verifiers: [identity.verifier, verifier],
    });
    expect(opened?.checkpoint.size).toBe(10n);
    expect(opened?.note.verified.map((s) => s.name)).toEqual([identity.origin, key.name]);
    expect(lines).toEqual([]);
  });

  it("sends growth with a consistency proof from the last cosigned size", async () => {
    const signed = await grow(7);
    expect(await client.cosign(signed)).toMatchObject([{ status: "cosigned" }]);
    expect(await client.cosign(signed)).toMatchObject([{ status: "up-to-date" }]);
    expect(await listWitnesses(t.db, [endpoint(key, witness.url)])).toEqual([
      { name: key.name, verifierKey: formatKey(key), url: witness.url, lastCosignedSize: 17n },
    ]);
    expect(lines).toEqual([]);
  });

  it("resyncs (409) to the witness's size when the witness is behind our records", async () => {
    // Snapshot the witness at 17, let it cosign 20, then restore the snapshot: it is back at 17
    // while ledger_cosignatures says 20.
    const snapshot = await tempDir();
    await cp(stateDir, snapshot, { recursive: true });
    expect(await client.cosign(await grow(3))).toMatchObject([{ status: "cosigned" }]);
    await witness.close();
    await rm(stateDir, { recursive: true, force: true });
    await cp(snapshot, stateDir, { recursive: true });
    witness = await startWitness(key, stateDir);
    client = newClient();

    const signed = await grow(5);
    expect(await client.cosign(signed)).toMatchObject([{ status: "cosigned" }]);
    expect((await cosignatureRows(key.name)).map((r) => r.checkpointSize)).toEqual([10n, 17n, 20n, 25n]);
    expect(lines).toEqual([]);
  });

  it("resyncs (409) when the witness is ahead of our records", async () => {
    // The answer for 25 was lost: we think the witness is at 20, it is at 25.
    await t.db.delete(ledgerCosignatures).where(eq(ledgerCosignatures.checkpointSize, 25n));
    expect(await client.cosign(await grow(5))).toMatchObject([{ status: "cosigned" }]);
    // Lost again, for the very checkpoint being sent: the witness cosigns the same tree again.
    await t.db.delete(ledgerCosignatures).where(eq(ledgerCosignatures.checkpointSize, 30n));
    expect(await client.cosign(await storedCheckpoint(30n))).toMatchObject([{ status: "cosigned" }]);
    expect((await cosignatureRows(key.name)).map((r) => r.checkpointSize)).toEqual([10n, 17n, 20n, 30n]);
    expect(lines).toEqual([]);
  });

  it("hands each checkpoint the runtime signs to the witnesses (onSigned)", async () => {
    const runtime = startLedgerRuntime(t.db, identity, 3_600_000, (c) => client.submit(c));
    try {
      const writer = new LedgerWriter(t.db);
      await writer.append(sampleEntry(appended++));
      const signed = await runtime.checkpointNow();
      expect(signed?.size).toBe(31n);
      await client.idle();
      expect((await cosignatureRows(key.name)).at(-1)?.checkpointSize).toBe(31n);
    } finally {
      runtime.stop();
    }
  });

  it("refuses to resync to a size this log never signed, storing nothing", async () => {
    // A second witness that was shown a checkpoint of size 3 signed by our key: the log never
    // stored such a checkpoint, so the witness must have seen a fork (or a rolled-back log).
    const otherKey = witnessKey("witness.test/w2");
    const other = await startWitness(otherKey, await tempDir());
    const leaves = (await t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.idx)).limit(3)).map(
      (r) => hashLeaf(r.data),
    );
    const rogue = signNote(
      formatCheckpoint({ origin: identity.origin, size: 3n, rootHash: merkleTreeHash(leaves) }),
      [identity.signer],
    );
    const res = await fetch(`${other.url}/add-checkpoint`, {
      method: "POST",
      body: formatAddCheckpointRequest({ oldSize: 0n, proof: [], checkpoint: rogue }),
    });
    expect(res.status).toBe(200);

    const logged: string[] = [];
    const otherClient = new WitnessClient(t.db, [endpoint(otherKey, other.url)], {
      log: (l) => logged.push(l),
    });
    const [outcome] = await otherClient.cosign(await grow(1));
    expect(outcome).toMatchObject({ status: "failed" });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /witness witness\.test\/w2: checkpoint 32 not cosigned: .*size 3, for which this log has no signed checkpoint/,
    );
    expect(await cosignatureRows(otherKey.name)).toEqual([]);
  });
});

describe("WitnessClient with a misbehaving witness", () => {
  const key = witnessKey("witness.test/fake");
  let server: Server;
  let url: string;
  let respond: (body: string) => { status: number; type: string; body: string } | null;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => {
        body += d.toString();
      });
      req.on("end", () => {
        const answer = respond(body);
        if (answer === null) return; // never answers
        res.writeHead(answer.status, { "Content-Type": answer.type });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
  });

  /** The checkpoint text (without signatures) inside an add-checkpoint body. */
  const textOf = (body: string) => `${body.split("\n\n")[1]}\n`;
  const impostor = parseSignerKey(
    generateSignerKey("witness.test/fake", { type: SIGNATURE_TYPE_COSIGNATURE_V1 }).signerKey,
  );
  const now = () => BigInt(Math.floor(Date.now() / 1000));

  it.each<[string, (body: string) => { status: number; type: string; body: string } | null, RegExp]>([
    [
      "a cosignature over another checkpoint",
      (body) => ({
        status: 200,
        type: "text/plain",
        body: formatSignatureLine(
          signCosignature({ signer: key, text: textOf(body).replace(/\n\d+\n/, "\n1\n"), timestamp: now() }),
        ),
      }),
      /does not verify against the witness key/,
    ],
    [
      "a cosignature by another key with the witness's name",
      (body) => ({
        status: 200,
        type: "text/plain",
        body: formatSignatureLine(
          signCosignature({ signer: impostor, text: textOf(body), timestamp: now() }),
        ),
      }),
      /no cosignature from the witness key/,
    ],
    [
      "a cosignature dated a day ahead",
      (body) => ({
        status: 200,
        type: "text/plain",
        body: formatSignatureLine(
          signCosignature({ signer: key, text: textOf(body), timestamp: now() + 86_400n }),
        ),
      }),
      /dated in the future/,
    ],
    [
      "a body that is not signature lines",
      () => ({ status: 200, type: "text/plain", body: "ok\n" }),
      /malformed response/,
    ],
    ["an error status", () => ({ status: 503, type: "text/plain", body: "busy\n" }), /HTTP 503: busy/],
    ["a fork report", () => ({ status: 409, type: "text/plain", body: "different root\n" }), /fork/],
    [
      "a 409 that repeats our size",
      () => ({ status: 409, type: "text/x.tlog.size", body: "0\n" }),
      /still conflicting/,
    ],
    [
      "a malformed 409 size",
      () => ({ status: 409, type: "text/x.tlog.size", body: "01\n" }),
      /malformed 409 body/,
    ],
    ["no answer within the timeout", () => null, /timed out/],
  ])("does not store %s and logs one line", async (_, answer, message) => {
    respond = answer;
    const logged: string[] = [];
    const client = new WitnessClient(t.db, [endpoint(key, url)], {
      log: (l) => logged.push(l),
      timeoutMs: 500,
    });
    const [outcome] = await client.cosign(await storedCheckpoint());
    expect(outcome).toMatchObject({ status: "failed" });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(message);
    expect(await cosignatureRows(key.name)).toEqual([]);
  });

  it("lets a witness that was down catch up on the latest checkpoint (retryBehind)", async () => {
    const lateKey = witnessKey("witness.test/late");
    const late = await startWitness(lateKey, await tempDir());
    const logged: string[] = [];
    // First configured at an address where nothing answers: the submission fails and is logged.
    const down = new WitnessClient(t.db, [endpoint(lateKey, "http://127.0.0.1:9")], {
      log: (l) => logged.push(l),
    });
    down.submit(await storedCheckpoint());
    await down.idle();
    expect(logged).toHaveLength(1);
    expect(await cosignatureRows(lateKey.name)).toEqual([]);
    // Once reachable, the periodic retry brings it up to date without a new checkpoint.
    const up = new WitnessClient(t.db, [endpoint(lateKey, late.url)], { log: (l) => logged.push(l) });
    await up.retryBehind();
    await up.idle();
    const latest = await storedCheckpoint();
    expect((await cosignatureRows(lateKey.name)).at(-1)?.checkpointSize).toBe(latest.size);
    // Nothing is re-sent to a witness that is up to date.
    await up.retryBehind();
    await up.idle();
    expect(await cosignatureRows(lateKey.name)).toHaveLength(1);
  });

  it("logs an unreachable witness without throwing", async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const logged: string[] = [];
    const client = new WitnessClient(t.db, [endpoint(key, `http://127.0.0.1:${port}`)], {
      log: (l) => logged.push(l),
    });
    client.submit(await storedCheckpoint());
    await client.idle();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/witness witness\.test\/fake: checkpoint \d+ not cosigned: .*ECONNREFUSED/);
  });
});

describe("PLAZA_WITNESSES", () => {
  const a = generateSignerKey("witness.test/a", { type: SIGNATURE_TYPE_COSIGNATURE_V1 }).verifierKey;
  const b = generateSignerKey("witness.test/b", { type: SIGNATURE_TYPE_COSIGNATURE_V1 }).verifierKey;

  it("reads <verifier key>@<URL> entries separated by commas or whitespace", () => {
    expect(ZWitnesses.parse(`${a}@http://127.0.0.1:7380/, ${b}@https://w.example/prefix/\n`)).toEqual([
      { name: "witness.test/a", verifierKey: a, url: "http://127.0.0.1:7380" },
      { name: "witness.test/b", verifierKey: b, url: "https://w.example/prefix" },
    ]);
    expect(ZWitnesses.parse("")).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    ["no URL", a, /expected <witness verifier key>@<URL>/],
    ["a bad key", "w+00000000+AAAA@http://x", /vkey/],
    ["a log key", `${generateSignerKey("log.test/x").verifierKey}@http://x`, /not a witness key/],
    ["a bad URL", `${a}@not a url`, /expected|not valid/],
    ["another scheme", `${a}@ftp://x`, /http\(s\)/],
    ["one name twice", `${a}@http://x ${a}@http://y`, /a second witness named witness\.test\/a/],
  ])("refuses %s", (_, value, message) => {
    const result = ZWitnesses.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it("stops the start with one line naming the variable", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, PLAZA_WITNESSES: "nonsense" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("Invalid environment variable PLAZA_WITNESSES");
  });
});
