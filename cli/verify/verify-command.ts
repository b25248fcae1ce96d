import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseVerifierKey } from "../../core/note";
import {
  formatVerifyReport,
  type ProofBatchVerifier,
  parseWitnessPolicy,
  type VerifyReport,
  verifyLedger,
  type WitnessPolicy,
} from "../../core/verify";
import { createProofVerifier } from "../../server/zk/proof-verifier-pool";
import { CliError, usageError } from "../cli-error";
import type { Command } from "../command";
import { parseCommandArgs } from "../parse-command-args";
import { type DownloadResult, downloadLedger, fetchLedger } from "./download-ledger";
import { MirrorDirectory } from "./mirror-directory";
import { ProgressBars } from "./progress-bar";

const USAGE = `Usage: plaza verify <base-url> [options]
       plaza verify --dir <mirror> [options]          (offline, on a mirror made before)

Mirrors a Plaza ledger through its public tiles (<base-url>/ledger/...) into a local directory and
recounts everything from it, trusting nothing the operator says:

  checkpoint  signed by the log's key (--key, or pinned on first use); witness cosignatures meet
              --witness-policy; consistent with the checkpoint this mirror verified last time (a
              rollback or a fork fails loudly and prints both signed checkpoints)
  tree        every entry bundle and hash tile read, the Merkle tree recomputed from the entries
  entries     every entry parsed strictly; every district's census rebuilt and each recorded root
              checked; every poll's rules; every vote's scope, frozen root, ballot, message and
              nullifier/sequence policy
  proofs      every vote's zero-knowledge proof against Semaphore's official verification key of
              its depth (Groth16 batch verification on all cores)
  tallies     every poll recounted and compared with its poll_closed entry

A second run downloads only what is new. Exit code 0 only when everything checks, 1 when anything
does not (every finding names its entry index), 2 for wrong usage.

Options:
  --dir <dir>               the mirror (default ./plaza-mirror/<host>)
  --key <verifier key>      the log's note verifier key "<origin>+<key id>+<key>" (as /ledger/vkey
                            shows it); without it the key pinned in the mirror, or on first use
                            the one the server serves (then pinned)
  --witness-policy <file>   require witness cosignatures: lines "witness <name> <verifier key>",
                            "group <name> <k|any|all> <member>...", "quorum <name>"
  --threads <n>             proof-checking threads (default: the number of cores)
  --json                    print the report as JSON on stdout (progress stays on stderr)
  -h, --help                show this help
`;

/** `plaza verify`: mirror (unless offline), verify, print, and remember what verified. */
export const verifyCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      "verify",
      argv,
      {
        dir: { type: "string" },
        key: { type: "string" },
        "witness-policy": { type: "string" },
        threads: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      true,
    );
    if (values.help) {
      io.stdout(USAGE);
      return;
    }
    if (positionals.length > 1)
      throw usageError(`verify: expected one base URL, got ${positionals.length} arguments`);
    const base = positionals[0] === undefined ? undefined : parseBaseUrl(positionals[0]);
    if (base === undefined && values.dir === undefined)
      throw usageError(
        'verify: give the base URL of a Plaza server, or --dir <mirror> (see "plaza verify --help")',
      );
    const dir = path.resolve(
      values.dir ?? path.join("plaza-mirror", new URL(base as string).host.replace(":", "_")),
    );
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64))
      throw usageError("verify: --threads must be an integer from 1 to 64");
    const policy =
      values["witness-policy"] === undefined ? undefined : await loadPolicy(values["witness-policy"]);
    if (values.key !== undefined) checkKey(values.key, "--key");

    const mirror = new MirrorDirectory(dir);
    const bars = new ProgressBars(io.stderr, io.stderrIsTTY === true);
    const key = await resolveKey(mirror, values.key, base, (line) => io.stderr(`${line}\n`));

    let download: DownloadResult | undefined;
    if (base !== undefined) {
      download = await downloadLedger(base, mirror, (done, total) => bars.update("download", done, total));
      bars.finish();
    } else if (!(await mirror.has("checkpoint"))) {
      throw new CliError(
        `${dir} holds no mirrored checkpoint: run "plaza verify <base-url> --dir ${dir}" first`,
      );
    }

    const pool = createProofVerifier(threads === undefined ? {} : { threads });
    const verifyProofs: ProofBatchVerifier = (proofs) => pool.verifyMany(proofs);
    const previous = await mirror.readState("verified-checkpoint");
    let report: VerifyReport;
    try {
      report = await verifyLedger({
        source: mirror,
        verifierKey: key,
        verifyProofs,
        proofParallelism: pool.threads * 2,
        onProgress: (p) => bars.update(p.phase, p.done, p.total),
        ...(previous === undefined ? {} : { previous }),
        ...(policy === undefined ? {} : { witnessPolicy: policy }),
      });
      bars.finish();
    } finally {
      await pool.close();
    }

    if (values.json) {
      io.stdout(
        `${JSON.stringify({ mirror: dir, download: download ? jsonDownload(download) : null, ...report }, null, 2)}\n`,
      );
    } else {
      if (download) {
        io.stdout(
          `Mirror ${dir}: ${download.fetched} tiles and bundles downloaded (${download.bytes.toLocaleString("en")} bytes), ${download.kept} already there\n`,
        );
      }
      io.stdout(formatVerifyReport(report));
    }
    if (!report.ok) {
      // A rollback or fork leaves the mirror as it was verified, and keeps the rejected checkpoint
      // beside it as evidence, so the mirror stays a faithful copy of the log that was verified.
      if (previous !== undefined && report.findings.some((f) => f.code === "ROLLBACK" || f.code === "FORK")) {
        await mirror.writeState("rejected-checkpoint", report.checkpoint);
        await mirror.write("checkpoint", previous);
        io.stderr(
          `plaza: kept the mirror at the verified checkpoint; the rejected one is in ${path.join(dir, ".plaza-verify/rejected-checkpoint")}\n`,
        );
      }
      throw new CliError(
        `the ledger does not verify: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}`,
      );
    }
    // Only a checkpoint that verified completely becomes the one later runs must extend.
    await mirror.writeState("verified-checkpoint", report.checkpoint);
  },
};

function jsonDownload(d: DownloadResult) {
  return { size: d.size.toString(), fetched: d.fetched, bytes: d.bytes, kept: d.kept };
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`verify: ${JSON.stringify(value)} is not a URL (e.g. https://plaza.example.org)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw usageError(`verify: the base URL must be http or https, got ${url.protocol}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function checkKey(vkey: string, what: string): void {
  try {
    parseVerifierKey(vkey.trim());
  } catch (e) {
    throw usageError(`verify: ${what} is not a note verifier key: ${(e as Error).message}`);
  }
}

async function loadPolicy(file: string): Promise<WitnessPolicy> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw usageError(`verify: cannot read the witness policy ${file}: ${(e as Error).message}`);
  }
  try {
    return parseWitnessPolicy(text);
  } catch (e) {
    throw usageError(`verify: ${file}: ${(e as Error).message}`);
  }
}

/**
 * The key to verify with: --key, else the one pinned in the mirror, else (online, first use) the
 * one the server serves, pinned from then on. A --key that contradicts the pinned one is refused
 * rather than silently replacing it: a changed log key is exactly what an observer must notice.
 */
async function resolveKey(
  mirror: MirrorDirectory,
  given: string | undefined,
  base: string | undefined,
  note: (line: string) => void,
): Promise<string> {
  const pinned = (await mirror.readState("verifier-key"))?.trim();
  const wanted = given?.trim();
  if (wanted !== undefined && pinned !== undefined && wanted !== pinned) {
    throw new CliError(
      `--key ${wanted} differs from the key pinned in ${mirror.dir} (${pinned}); delete .plaza-verify/verifier-key there to pin another`,
    );
  }
  if (wanted !== undefined) {
    if (pinned === undefined) await mirror.writeState("verifier-key", `${wanted}\n`);
    return wanted;
  }
  if (pinned !== undefined) return pinned;
  if (base === undefined)
    throw new CliError(`no verifier key pinned in ${mirror.dir}: pass --key <verifier key>`);
  const served = new TextDecoder().decode(await fetchLedger(base, "vkey")).trim();
  checkKey(served, `${base}/ledger/vkey`);
  await mirror.writeState("verifier-key", `${served}\n`);
  note(
    `plaza: pinned the log key ${served} on first use (compare it with one published elsewhere, or pass --key)`,
  );
  return served;
}
