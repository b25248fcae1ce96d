import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEntry } from "@/core/entries";
import { createNoteSigner, formatVerifierKey, SIGNATURE_TYPE_ED25519 } from "@/core/note";
import { formatReceiptFile } from "@/core/receipt/check-receipt";
import {
  FIXTURE,
  FIXTURE_ENTRIES,
  LOG_SIGNER,
  LOG_VKEY,
  TAMPER_CASES,
  WITNESS_POLICY,
  WITNESSES,
} from "../../fixtures/ledger/tamper-cases";
import { buildTiledLog, type TiledLog } from "../../helpers/tiled-log";
import { runCli } from "../run-cli";

/** A Plaza-shaped server: the tiled log under /ledger/, and what it was asked for. */
let served: TiledLog;
let hugeCheckpoint = false;
const requests: string[] = [];
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plaza-verify-"));
  server = createServer((req, res) => {
    const p = (req.url ?? "").replace(/^\/ledger\//, "");
    requests.push(p);
    if (p === "checkpoint" && hugeCheckpoint) {
      // Chunked, with no content-length: the client must stop reading by itself.
      res.writeHead(200);
      const chunk = new Uint8Array(1 << 20);
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once("drain", more);
        else res.end();
      };
      res.on("error", () => {});
      more();
      return;
    }
    const body = p === "vkey" ? new TextEncoder().encode(`${LOG_VKEY}\n`) : served.get(p);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const run = runCli;

const sign = { signer: LOG_SIGNER, witnesses: WITNESSES };

describe("plaza verify", () => {
  it("mirrors the ledger, pins the key on first use and recounts everything", async () => {
    served = await buildTiledLog(FIXTURE_ENTRIES.slice(0, FIXTURE.indices.pollAClosed + 1), sign);
    const mirror = path.join(dir, "m1");
    const r = await run(["verify", base, "--dir", mirror, "--threads", "1"]);
    expect(r.stderr).toContain("pinned the log key");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("VERIFIED");
    expect(r.stdout).toContain("What should the old depot become?");
    expect(r.stdout).toContain("Library: 0, Park: 2, Bike lanes: 1; turnout 3");
    for (const phase of ["download", "checkpoint", "tree", "entries", "proofs", "tallies"]) {
      expect(r.stderr).toMatch(new RegExp(`${phase}\\s+\\[#+\\] 100%`));
    }
    expect((await readFile(path.join(mirror, ".plaza-verify/verifier-key"), "utf8")).trim()).toBe(LOG_VKEY);
    expect(await readFile(path.join(mirror, "checkpoint"), "utf8")).toBe(
      new TextDecoder().decode(served.get("checkpoint")),
    );
  });

  it("downloads only what is new on a second run, and checks consistency with the last run", async () => {
    const mirror = path.join(dir, "m1");
    served = await buildTiledLog(FIXTURE_ENTRIES, sign);
    requests.length = 0;
    const r = await run(["verify", base, "--dir", mirror, "--json", "--threads", "1"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    // The tree grew inside one partial tile: the new partial tile and bundle, and the checkpoint.
    expect(report.download).toEqual(expect.objectContaining({ fetched: 2, kept: 0 }));
    expect(requests.filter((p) => p !== "checkpoint").sort()).toEqual([
      `tile/0/000.p/${FIXTURE.entries.length}`,
      `tile/entries/000.p/${FIXTURE.entries.length}`,
    ]);
    expect(report.checks.map((c: { text: string }) => c.text)).toContainEqual(
      expect.stringContaining(
        `consistent with the checkpoint verified before (${FIXTURE.indices.pollAClosed + 1} → ${FIXTURE.entries.length} entries`,
      ),
    );
    // 13 votes in the plain polls; the process's anonymous proposal, 4 supports, comment and 3 ballot votes.
    expect(report.proofs).toEqual({ checked: 22, invalid: 0, depths: [2, 3] });

    // A third run with nothing new downloads no tile at all.
    requests.length = 0;
    expect((await run(["verify", base, "--dir", mirror, "--threads", "1"])).code).toBe(0);
    expect(requests).toEqual(["checkpoint"]);
  });

  it("fails loudly on a rollback, printing both signed checkpoints, and keeps the verified one", async () => {
    const mirror = path.join(dir, "m1");
    const verified = await readFile(path.join(mirror, ".plaza-verify/verified-checkpoint"), "utf8");
    served = await buildTiledLog(FIXTURE_ENTRIES.slice(0, 8), sign);
    const r = await run(["verify", base, "--dir", mirror, "--threads", "1"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ROLLBACK");
    expect(r.stdout).toContain("previous:");
    expect(r.stdout).toContain("current:");
    expect(r.stdout).toContain(verified.split("\n")[2] as string); // The earlier root hash.
    expect(r.stderr).toContain("plaza: the ledger does not verify: 1 finding");
    expect(await readFile(path.join(mirror, ".plaza-verify/verified-checkpoint"), "utf8")).toBe(verified);
    expect(await readFile(path.join(mirror, "checkpoint"), "utf8")).toBe(verified);
    expect(await readFile(path.join(mirror, ".plaza-verify/rejected-checkpoint"), "utf8")).toBe(
      new TextDecoder().decode(served.get("checkpoint")),
    );
  });

  it("works offline on a mirror and requires the witness policy's quorum", async () => {
    const mirror = path.join(dir, "m1");
    served = new Map();
    const policy = path.join(dir, "policy.txt");
    await writeFile(policy, WITNESS_POLICY);
    const ok = await run(["verify", "--dir", mirror, "--witness-policy", policy, "--threads", "1"]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("witness policy 2 of (a, b): cosigned by a, b");

    const one = path.join(dir, "m2");
    served = await buildTiledLog(FIXTURE_ENTRIES, { signer: LOG_SIGNER, witnesses: WITNESSES.slice(1) });
    const r = await run([
      "verify",
      base,
      "--dir",
      one,
      "--key",
      LOG_VKEY,
      "--witness-policy",
      policy,
      "--threads",
      "1",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("WITNESS_QUORUM_UNMET");
  });

  it("names the entry index and reason of every tampered entry", async () => {
    const tamper = TAMPER_CASES.find(
      (c) => c.name === "a tally count changed",
    ) as (typeof TAMPER_CASES)[number];
    served = (await tamper.build()).log;
    const r = await run([
      "verify",
      base,
      "--dir",
      path.join(dir, "m3"),
      "--key",
      LOG_VKEY,
      "--json",
      "--threads",
      "1",
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({ code: "TALLY_MISMATCH", index: String(FIXTURE.indices.pollAClosed) }),
    ]);
  });

  it("refuses a --key that contradicts the pinned key, and bad usage with exit code 2", async () => {
    const stranger = createNoteSigner(LOG_SIGNER.name, SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(7));
    const other = formatVerifierKey(stranger.name, stranger.type, stranger.publicKey);
    const r = await run(["verify", "--dir", path.join(dir, "m1"), "--key", other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("differs from the key pinned");
    expect((await run(["verify"])).code).toBe(2);
    expect((await run(["verify", "ftp://x"])).code).toBe(2);
    expect((await run(["verify", "--dir", dir, "--key", "nonsense"])).stderr).toContain(
      "not a note verifier key",
    );
    expect((await run(["verify", "--dir", path.join(dir, "empty"), "--key", LOG_VKEY])).stderr).toContain(
      "holds no mirrored checkpoint",
    );
    hugeCheckpoint = true;
    const huge = await run(["verify", base, "--dir", path.join(dir, "m5"), "--key", LOG_VKEY]);
    hugeCheckpoint = false;
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/checkpoint: more than \d+ bytes/);
    const unreachable = await run([
      "verify",
      "http://127.0.0.1:9",
      "--dir",
      path.join(dir, "m4"),
      "--key",
      LOG_VKEY,
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^plaza: could not download http:\/\/127\.0\.0\.1:9\/ledger\/checkpoint/,
    );
  });
});

describe("plaza receipt", () => {
  it("checks a voter's receipt offline against the mirror: counted, or replaced by their later vote", async () => {
    const mirror = path.join(dir, "m1");
    const receiptFor = async (index: number) => {
      const vote = decodeEntry(FIXTURE_ENTRIES[index] as Uint8Array);
      if (vote.type !== "vote") throw new Error("not a vote");
      const file = path.join(dir, `receipt-${index}.json`);
      await writeFile(
        file,
        formatReceiptFile({
          entryIndex: String(index),
          pollId: vote.pollId,
          districtSlug: "riverside",
          pollTitle: "What should the old depot become?",
          ballot: vote.ballot,
          sequence: vote.sequence,
          nullifier: vote.proof.nullifier,
          castAt: "2026-11-03T10:00:00.000Z",
        }),
      );
      return file;
    };
    const counted = await run(["receipt", await receiptFor(FIXTURE.indices.voteM1), "--dir", mirror]);
    expect(counted.code, counted.stdout + counted.stderr).toBe(0);
    expect(counted.stdout).toContain("Outcome: counted");
    const replaced = await run(["receipt", await receiptFor(FIXTURE.indices.voteM0), "--dir", mirror]);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain(
      `Outcome: superseded (replaced by entry ${FIXTURE.indices.voteM0Changed})`,
    );

    const forged = path.join(dir, "forged.json");
    const text = await readFile(await receiptFor(FIXTURE.indices.voteM1), "utf8");
    await writeFile(forged, text.replace('"ballot": [\n    1\n  ]', '"ballot": [\n    0\n  ]'));
    const bad = await run(["receipt", forged, "--dir", mirror]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("FAIL");
    expect(bad.stderr).toContain("otherBallot");
    expect((await run(["receipt", path.join(dir, "missing.json"), "--dir", mirror])).code).toBe(1);
  });
});
