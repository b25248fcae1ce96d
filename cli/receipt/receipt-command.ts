import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseCheckpoint } from "../../core/checkpoint";
import { decodeEntry } from "../../core/entries";
import { generateInclusionProof } from "../../core/merkle";
import { parseSignedNote } from "../../core/note";
import {
  checkReceipt,
  parseReceiptFile,
  type ReceiptSources,
  type TReceiptTally,
} from "../../core/receipt/check-receipt";
import {
  createTileHashReader,
  decodeEntryBundle,
  formatEntryBundlePath,
  formatTilePath,
  tilesForTreeSize,
} from "../../core/tiles";
import { formatTlogProof } from "../../core/tlog-proof";
import { createProofVerifier } from "../../server/zk/proof-verifier-pool";
import { CliError, usageError } from "../cli-error";
import type { Command } from "../command";
import { parseCommandArgs } from "../parse-command-args";
import { MirrorDirectory } from "../verify/mirror-directory";

const USAGE = `Usage: plaza receipt <receipt file> --dir <mirror> [--key <verifier key>]

Checks a voter's receipt (the file "Was my vote counted?" downloads) offline, against a mirror made
by "plaza verify": the receipt's inclusion proof (or one built from the mirror's tiles) leads to a
checkpoint signed by the log's key; the entry at that index is this vote (poll, nullifier, ballot,
sequence); and once the poll closed, its tally covered the vote, or a later valid vote of the same
voter (checked with its zero-knowledge proof) replaced it.

Options:
  --dir <dir>             the mirror (made by plaza verify)
  --key <verifier key>    the log's key (default: the key pinned in the mirror)
  --json                  print the check as JSON
  -h, --help              show this help

Exit code 0 when the receipt checks out (counted, open, or replaced by the voter's later vote).
`;

/** `plaza receipt`: one receipt, checked with the same code as the browser's receipt page. */
export const receiptCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      "receipt",
      argv,
      {
        dir: { type: "string" },
        key: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      true,
    );
    if (values.help) {
      io.stdout(USAGE);
      return;
    }
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0)
      throw usageError('receipt: give one receipt file (see "plaza receipt --help")');
    if (values.dir === undefined)
      throw usageError("receipt: --dir <mirror> is required (make one with plaza verify <base-url>)");
    let receipt: ReturnType<typeof parseReceiptFile>;
    try {
      receipt = parseReceiptFile(await readFile(file, "utf8"));
    } catch (e) {
      throw new CliError(`receipt: ${file}: ${(e as Error).message}`);
    }
    const mirror = new MirrorDirectory(path.resolve(values.dir));
    const key = values.key?.trim() ?? (await mirror.readState("verifier-key"))?.trim();
    if (key === undefined) throw new CliError(`receipt: no key pinned in ${mirror.dir}: pass --key`);
    let note: string;
    try {
      note = await mirror.checkpoint();
    } catch {
      throw new CliError(`receipt: ${mirror.dir} holds no mirrored checkpoint`);
    }
    const size = parseCheckpoint(parseSignedNote(note).textBytes).size;
    const pool = createProofVerifier({ threads: 1 });
    let result: Awaited<ReturnType<typeof checkReceipt>>;
    try {
      result = await checkReceipt(receipt, mirrorReceiptSources(mirror, key, note, size), {
        verifyVoteProof: (proof) => pool.verify(proof),
      });
    } finally {
      await pool.close();
    }
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.stdout(`Receipt for entry ${receipt.entryIndex} (${receipt.pollTitle}), against ${mirror.dir}:\n`);
      for (const step of result.steps) {
        const details = Object.entries(step.values)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ");
        io.stdout(`  ${step.ok ? "ok  " : "FAIL"} ${step.step.padEnd(10)} ${details}\n`);
      }
      io.stdout(
        `Outcome: ${result.outcome}${result.replacedBy ? ` (replaced by entry ${result.replacedBy})` : ""}${result.detail ? `: ${result.detail}` : ""}\n`,
      );
    }
    if (result.outcome !== "counted" && result.outcome !== "open" && result.outcome !== "superseded") {
      throw new CliError(`the receipt does not check out (${result.failure ?? result.outcome})`);
    }
  },
};

/** Receipt sources over a mirror: nothing is fetched; the poll's entries are found by scanning. */
function mirrorReceiptSources(
  mirror: MirrorDirectory,
  key: string,
  note: string,
  size: bigint,
): ReceiptSources {
  const readTiles = createTileHashReader({
    size,
    readTiles: (ids) => Promise.all(ids.map((id) => mirror.tile(formatTilePath(id)))),
  });
  return {
    verifierKey: async () => key,
    checkpoint: async () => note,
    tile: (p) => mirror.tile(p),
    async tlogProof(index) {
      if (index >= size) return null;
      const proof = await generateInclusionProof({ index, size, readHashes: readTiles });
      return formatTlogProof({ index, proof, checkpoint: note });
    },
    async pollResults(pollId): Promise<TReceiptTally> {
      let opened: string | undefined;
      for (const tile of tilesForTreeSize(size)) {
        if (tile.level !== 0) continue;
        const entries = decodeEntryBundle(await mirror.tile(formatEntryBundlePath(tile)), tile.width);
        for (const [k, bytes] of entries.entries()) {
          let entry: ReturnType<typeof decodeEntry>;
          try {
            entry = decodeEntry(bytes);
          } catch {
            continue;
          }
          const index = (tile.index * 256n + BigInt(k)).toString();
          if (entry.type === "poll_opened" && entry.pollId === pollId) opened = index;
          if (entry.type === "poll_closed" && entry.pollId === pollId && opened !== undefined)
            return { status: "closed", openedEntry: opened, closedEntry: index };
        }
      }
      return { status: "open" };
    },
  };
}
