import { z } from "zod";
import { openCheckpoint, parseCheckpoint } from "@/core/checkpoint";
import { encodeBase64 } from "@/core/encoding";
import { decodeEntry, type TLedgerEntry, ZFieldString } from "@/core/entries";
import { hashLeaf } from "@/core/merkle";
import { type NoteVerifier, parseSignedNote, parseVerifierKey } from "@/core/note";
import { decodeEntryBundle, formatEntryBundlePath, TILE_WIDTH } from "@/core/tiles";
import { parseTlogProof, type TlogProof, verifyTlogProof } from "@/core/tlog-proof";
import type { StoredReceipt } from "./receipt-store";

/**
 * "Was my vote counted?", checked in the resident's browser with Plaza's protocol code (core/),
 * trusting nothing the server says that can be checked:
 *
 * 1. proof      The receipt's c2sp.org/tlog-proof (kept from an earlier check, or fetched now from
 *               /ledger/receipt) parses and is for the receipt's entry index.
 * 2. signature  Its checkpoint is signed by the log's key (/ledger/vkey), for that key's origin:
 *               only then do the checkpoint's tree size and root hash mean anything.
 * 3. inclusion  The entry's bytes, read from the entry bundle (c2sp.org/tlog-tiles) that holds it,
 *               hash to a leaf that the proof's hashes lead up to the signed root
 *               (core/tlog-proof `verifyTlogProof`): the log committed to exactly these bytes at
 *               this index, and cannot later show anyone a different history without the
 *               signatures giving it away.
 * 4. entry      Those bytes decode as a vote of the receipt's poll with the nullifier, ballot and
 *               sequence number the browser kept when it voted.
 * 5. tally      Once the poll has closed, the published tally (poll_closed entry) lists the vote
 *               among the counted ones, or as replaced by a later vote; a replacement is fetched
 *               and must carry the same nullifier with a higher sequence number, so the server
 *               cannot silently drop a vote by calling it "changed".
 *
 * Reading the entry through its 256-entry bundle, rather than by index, tells the server only
 * which block of the ledger the browser looked at.
 */

/** The parts of a poll's published results the check needs (tRPC `results.get`). */
export type TReceiptTally =
  | { status: "open" }
  | {
      status: "closed";
      closedEntry: string;
      ledgerSize: number;
      counted: readonly string[];
      superseded: readonly { index: string; replacedBy: string }[];
    };

/** Where the check reads public ledger data; `httpReceiptSources` reads Plaza's public endpoints. */
export interface ReceiptSources {
  /** The c2sp.org/tlog-proof for an entry, or null while no signed checkpoint covers it yet. */
  tlogProof(index: bigint): Promise<string | null>;
  /** The log's note verifier key "<origin>+<key id>+<key>". */
  verifierKey(): Promise<string>;
  /** An entry bundle by its tlog-tiles path, e.g. "tile/entries/000.p/42". */
  entryBundle(path: string): Promise<Uint8Array>;
  pollResults(pollId: string): Promise<TReceiptTally>;
}

export type TCheckStep = "proof" | "signature" | "inclusion" | "entry" | "tally";

export type TCheckFailure =
  | "receiptInvalid"
  | "proofMalformed"
  | "proofOtherIndex"
  | "keyMalformed"
  | "signatureInvalid"
  | "entryUnavailable"
  | "inclusionInvalid"
  | "entryMalformed"
  | "notAVote"
  | "otherPoll"
  | "otherNullifier"
  | "otherBallot"
  | "otherSequence"
  | "notInTally"
  | "replacementInvalid";

export interface CheckStepResult {
  step: TCheckStep;
  ok: boolean;
  /** Values for the step's message (indices, sizes, hashes, names), all strings. */
  values: Record<string, string>;
}

export interface ReceiptCheck {
  /**
   * pending     no signed checkpoint covers the entry yet (try again in a moment);
   * failed      a check failed (`failure` says which, `detail` the technical reason);
   * error       the data could not be fetched: nothing was concluded;
   * open        the vote is in the signed log and is this browser's vote; the poll is still open;
   * counted     as `open`, and the closed poll's tally counts it;
   * superseded  as `open`, and a later vote of the same voter replaced it in the tally.
   */
  outcome: "pending" | "failed" | "error" | "open" | "counted" | "superseded";
  /** The steps that ran, in order; when the outcome is "failed", the last one failed. */
  steps: CheckStepResult[];
  failure?: TCheckFailure;
  /** A technical reason (from the protocol code or the network), untranslated. */
  detail?: string;
  /** The tlog-proof that verified, to keep with the receipt so a later check needs no fetch. */
  tlogProof?: string;
  /** Ledger index of the poll_closed entry, once the poll closed. */
  closedEntry?: string;
  /** For a superseded vote: the ledger index of the vote that replaced it. */
  replacedBy?: string;
}

class CheckFailed extends Error {
  constructor(
    readonly failure: TCheckFailure,
    detail?: string,
  ) {
    super(detail ?? failure);
  }
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The entry at `index` from the bundle that holds it, for a tree of `size` entries. */
async function readEntry(sources: ReceiptSources, index: bigint, size: bigint): Promise<Uint8Array> {
  const width = BigInt(TILE_WIDTH);
  const bundle = index / width;
  const count = size - bundle * width < width ? Number(size - bundle * width) : TILE_WIDTH;
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(
      await sources.entryBundle(formatEntryBundlePath({ index: bundle, width: count })),
      count,
    );
  } catch (e) {
    throw new CheckFailed("entryUnavailable", reason(e));
  }
  return entries[Number(index % width)] as Uint8Array;
}

/** Checks one receipt (see the module comment for the steps). Never throws. */
export async function checkReceipt(
  receipt: Pick<StoredReceipt, "entryIndex" | "pollId" | "ballot" | "sequence" | "nullifier" | "tlogProof">,
  sources: ReceiptSources,
): Promise<ReceiptCheck> {
  const steps: CheckStepResult[] = [];
  let current: TCheckStep = "proof";
  const pass = (values: Record<string, string> = {}) => {
    steps.push({ step: current, ok: true, values });
  };
  let tlogProof: string | undefined;
  try {
    if (!/^(0|[1-9][0-9]{0,19})$/.test(receipt.entryIndex))
      throw new CheckFailed("receiptInvalid", `entry index ${JSON.stringify(receipt.entryIndex)}`);
    const index = BigInt(receipt.entryIndex);

    // 1. The proof: the one kept with the receipt, or a fresh one against the latest checkpoint.
    const text = receipt.tlogProof ?? (await sources.tlogProof(index));
    if (text === null) return { outcome: "pending", steps };
    let parsed: TlogProof;
    let claimedSize: bigint;
    try {
      parsed = parseTlogProof(text);
      // Unverified here; step 2 verifies the signature before the size is trusted for anything
      // beyond choosing which entry bundle to read.
      claimedSize = parseCheckpoint(parseSignedNote(parsed.checkpoint).textBytes).size;
    } catch (e) {
      throw new CheckFailed("proofMalformed", reason(e));
    }
    if (parsed.index !== index)
      throw new CheckFailed("proofOtherIndex", `the proof is for entry ${parsed.index}`);
    pass({ index: receipt.entryIndex, size: claimedSize.toString() });

    // 2. The checkpoint's signature, by the log's key, for the key's own origin.
    current = "signature";
    const vkey = await sources.verifierKey();
    let verifier: NoteVerifier;
    try {
      verifier = parseVerifierKey(vkey.trim());
    } catch (e) {
      throw new CheckFailed("keyMalformed", reason(e));
    }
    const opened = openCheckpoint({ note: parsed.checkpoint, origin: verifier.name, verifiers: [verifier] });
    if (!opened) throw new CheckFailed("signatureInvalid", `not signed by ${verifier.name}`);
    pass({ origin: verifier.name });

    // 3. The entry's bytes, hashed as a leaf, must sit at the index under the signed root.
    current = "inclusion";
    const bytes = await readEntry(sources, index, opened.checkpoint.size);
    const leafHash = hashLeaf(bytes);
    const verified = verifyTlogProof({
      proof: text,
      leafHash,
      origin: verifier.name,
      logVerifiers: [verifier],
    });
    if (!verified) {
      throw new CheckFailed(
        "inclusionInvalid",
        `leaf ${encodeBase64(leafHash)} is not at index ${index} under root ${encodeBase64(opened.checkpoint.rootHash)}`,
      );
    }
    tlogProof = text;
    pass({
      leaf: encodeBase64(leafHash),
      root: encodeBase64(opened.checkpoint.rootHash),
      hashes: verified.proof.length.toString(),
      size: opened.checkpoint.size.toString(),
    });

    // 4. It is this browser's vote: this poll, this nullifier, this ballot and sequence.
    current = "entry";
    let entry: TLedgerEntry;
    try {
      entry = decodeEntry(bytes);
    } catch (e) {
      throw new CheckFailed("entryMalformed", reason(e));
    }
    if (entry.type !== "vote") throw new CheckFailed("notAVote", `the entry is a ${entry.type}`);
    if (entry.pollId !== receipt.pollId) throw new CheckFailed("otherPoll", `poll ${entry.pollId}`);
    if (entry.proof.nullifier !== receipt.nullifier)
      throw new CheckFailed("otherNullifier", `nullifier ${entry.proof.nullifier}`);
    if (!sameNumbers(entry.ballot, receipt.ballot))
      throw new CheckFailed("otherBallot", `ballot [${entry.ballot.join(", ")}]`);
    if (entry.sequence !== receipt.sequence)
      throw new CheckFailed("otherSequence", `sequence ${entry.sequence}`);
    pass({ sequence: entry.sequence.toString() });

    // 5. The tally, once the poll has closed.
    current = "tally";
    const tally = await sources.pollResults(receipt.pollId);
    if (tally.status === "open") {
      pass({});
      return { outcome: "open", steps, tlogProof };
    }
    const closedEntry = tally.closedEntry;
    if (tally.counted.includes(receipt.entryIndex)) {
      pass({ closedEntry, counted: tally.counted.length.toString() });
      return { outcome: "counted", steps, tlogProof, closedEntry };
    }
    const replaced = tally.superseded.find((s) => s.index === receipt.entryIndex);
    if (!replaced) {
      throw new CheckFailed(
        "notInTally",
        `the tally of entry ${closedEntry} lists neither entry ${receipt.entryIndex} nor a replacement`,
      );
    }
    // A replacement must be a later vote of the same voter in the same poll: same nullifier
    // (only the holder of this identity can make one), higher sequence number, counted.
    const replacementIndex = /^(0|[1-9][0-9]{0,19})$/.test(replaced.replacedBy)
      ? BigInt(replaced.replacedBy)
      : -1n;
    if (replacementIndex <= index || !tally.counted.includes(replaced.replacedBy))
      throw new CheckFailed("replacementInvalid", `entry ${replaced.replacedBy}`);
    let replacement: TLedgerEntry;
    try {
      replacement = decodeEntry(await readEntry(sources, replacementIndex, BigInt(tally.ledgerSize)));
    } catch (e) {
      throw e instanceof CheckFailed ? e : new CheckFailed("replacementInvalid", reason(e));
    }
    if (
      replacement.type !== "vote" ||
      replacement.pollId !== receipt.pollId ||
      replacement.proof.nullifier !== receipt.nullifier ||
      replacement.sequence <= receipt.sequence
    ) {
      throw new CheckFailed(
        "replacementInvalid",
        `entry ${replaced.replacedBy} is not a later vote of yours`,
      );
    }
    pass({ closedEntry, replacedBy: replaced.replacedBy, sequence: replacement.sequence.toString() });
    return { outcome: "superseded", steps, tlogProof, closedEntry, replacedBy: replaced.replacedBy };
  } catch (e) {
    if (e instanceof CheckFailed) {
      steps.push({ step: current, ok: false, values: {} });
      return { outcome: "failed", steps, failure: e.failure, detail: e.message, tlogProof };
    }
    return { outcome: "error", steps, detail: reason(e), tlogProof };
  }
}

/** Thrown by `httpReceiptSources` for an HTTP failure, with the server's error code when it sent one. */
export class FetchFailed extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(`${url}: ${status}${code ? ` ${code}` : ""}: ${message}`);
  }
}

async function failure(url: string, res: Response): Promise<FetchFailed> {
  let code: string | null = null;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? null;
    message = body.error?.message ?? message;
  } catch {
    // Not a JSON error body: the status says enough.
  }
  return new FetchFailed(url, res.status, code, message);
}

/**
 * Sources reading Plaza's public ledger endpoints. Requests carry no cookies and bypass the cache
 * (the point is to check what the server serves now); `pollResults` is supplied by the caller.
 */
export function httpReceiptSources(options: {
  pollResults: (pollId: string) => Promise<TReceiptTally>;
  fetch?: typeof fetch;
  baseUrl?: string;
}): ReceiptSources {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? "";
  const get = (path: string) => doFetch(`${base}${path}`, { credentials: "omit", cache: "no-store" });
  return {
    async tlogProof(index) {
      const url = `/ledger/receipt?index=${index}`;
      const res = await get(url);
      // 404: no checkpoint covers the entry yet (or none was signed at all).
      if (res.status === 404) return null;
      if (!res.ok) throw await failure(url, res);
      return res.text();
    },
    async verifierKey() {
      const res = await get("/ledger/vkey");
      if (!res.ok) throw await failure("/ledger/vkey", res);
      return res.text();
    },
    async entryBundle(path) {
      const url = `/ledger/${path}`;
      const res = await get(url);
      if (!res.ok) throw await failure(url, res);
      return new Uint8Array(await res.arrayBuffer());
    },
    pollResults: options.pollResults,
  };
}

/** The format line of an exported receipt file. */
export const RECEIPT_FILE_FORMAT = "plaza-vote-receipt/v1";

const ZIndexString = z.string().regex(/^(0|[1-9][0-9]{0,19})$/);

const ZReceiptFile = z.strictObject({
  format: z.literal(RECEIPT_FILE_FORMAT),
  entryIndex: ZIndexString,
  pollId: z.uuid(),
  districtSlug: z
    .string()
    .max(48)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  pollTitle: z.string().max(200),
  ballot: z.array(z.number().int().min(0).max(1_000)).max(64),
  sequence: z.number().int().min(0).max(1_000_000),
  nullifier: ZFieldString,
  castAt: z.string().max(40),
  tlogProof: z.string().max(16_384).optional(),
});

/**
 * A receipt as a file the resident can keep or carry to another device (JSON). It holds the
 * nullifier and the ballot: whoever has the file can tell which ledger entry is this resident's
 * vote, so it is the resident's to share or not.
 */
export function formatReceiptFile(receipt: StoredReceipt): string {
  const file = {
    format: RECEIPT_FILE_FORMAT,
    entryIndex: receipt.entryIndex,
    pollId: receipt.pollId,
    districtSlug: receipt.districtSlug,
    pollTitle: receipt.pollTitle,
    ballot: receipt.ballot,
    sequence: receipt.sequence,
    nullifier: receipt.nullifier,
    castAt: receipt.castAt,
    ...(receipt.tlogProof === undefined ? {} : { tlogProof: receipt.tlogProof }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses an exported receipt file strictly; throws TypeError with the reason. */
export function parseReceiptFile(text: string): StoredReceipt {
  if (typeof text !== "string") throw new TypeError("receipt file must be text");
  if (text.length > 65_536) throw new TypeError("receipt file is too large");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TypeError("receipt file is not JSON");
  }
  const parsed = ZReceiptFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`receipt file ${issue?.path.join(".") || "content"}: ${issue?.message ?? "invalid"}`);
  }
  const { format: _format, ...receipt } = parsed.data;
  return receipt;
}
