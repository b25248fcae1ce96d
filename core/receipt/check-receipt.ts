import { z } from "zod";
import { ballotMessage, validateBallot } from "../ballot";
import { openCheckpoint, parseCheckpoint } from "../checkpoint";
import { encodeBase64 } from "../encoding";
import { decodeEntry, type TLedgerEntry, ZFieldString } from "../entries";
import { hashLeaf } from "../merkle";
import { type NoteVerifier, parseSignedNote, parseVerifierKey } from "../note";
import { decodeEntryBundle, formatEntryBundlePath, TILE_WIDTH } from "../tiles";
import { parseTlogProof, type TlogProof, verifyTlogProof } from "../tlog-proof";
import type { SemaphoreProofInput } from "../verify/types";
import type { StoredReceipt } from "./receipt-record";
import { includedEntries, type SignedTree } from "./tile-inclusion";

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
 * 5. tally      Once the poll has closed, from the signed log alone (the server's lists of counted
 *               and replaced votes are not used): the poll_opened and poll_closed entries of this
 *               poll are proven to be in the same signed tree (the checkpoint of step 2, or the
 *               latest signed one if that one predates the close, with this vote proven in it
 *               again), the vote is below the ledger size the tally covers, and every entry the
 *               tally covered after the opening is read from entry bundles whose inclusion is
 *               proven in the browser from the public hash tiles (tile-inclusion.ts). A vote of
 *               the same nullifier with a higher sequence number is a replacement only if it is a
 *               valid vote of this poll: scope, census root and depth as frozen in poll_opened,
 *               a ballot valid for the method, message = ballotMessage(ballot, sequence), and a
 *               Groth16 proof valid against Semaphore's official verification key of that depth.
 *               So the operator can neither drop the vote silently nor fake a "you changed it".
 *
 * Reading entries through their 256-entry bundles and tiles, rather than by index, tells the
 * server only which blocks of the ledger the browser looked at.
 */

/** The most ledger entries the tally check reads between a poll's opening and its close. */
export const MAX_TALLY_ENTRIES = 65_536;

/** The parts of a poll's published results the check needs (tRPC `results.get`). */
export type TReceiptTally =
  | { status: "open" }
  | {
      status: "closed";
      /** Where the poll_opened and poll_closed entries are: only hints, both are checked. */
      openedEntry: string;
      closedEntry: string;
    };

/** Where the check reads public ledger data; `httpReceiptSources` reads Plaza's public endpoints. */
export interface ReceiptSources {
  /** The c2sp.org/tlog-proof for an entry, or null while no signed checkpoint covers it yet. */
  tlogProof(index: bigint): Promise<string | null>;
  /** The log's note verifier key "<origin>+<key id>+<key>". */
  verifierKey(): Promise<string>;
  /** The latest signed checkpoint (c2sp.org/tlog-checkpoint note), or null if none was signed. */
  checkpoint(): Promise<string | null>;
  /** A hash tile or entry bundle by its tlog-tiles path, e.g. "tile/0/000" or "tile/entries/000.p/42". */
  tile(path: string): Promise<Uint8Array>;
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
  | "openingInvalid"
  | "closingInvalid"
  | "votesNotInLog"
  | "notInTally"
  | "replacementInvalid"
  | "replacementProofInvalid";

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
      await sources.tile(formatEntryBundlePath({ index: bundle, width: count })),
      count,
    );
  } catch (e) {
    throw new CheckFailed("entryUnavailable", reason(e));
  }
  return entries[Number(index % width)] as Uint8Array;
}

type TReceiptFields = Pick<
  StoredReceipt,
  "entryIndex" | "pollId" | "ballot" | "sequence" | "nullifier" | "tlogProof"
>;

/** Checks a Semaphore proof's SNARK only (every policy check is the caller's). */
export type TVerifyVoteProof = (proof: SemaphoreProofInput) => Promise<boolean>;

export interface CheckReceiptOptions {
  /**
   * Checks a replacing vote's SNARK against Semaphore's official keys (the browser passes
   * Semaphore's own `verifyProof`; the CLI its batch verifier). Nothing is fetched for it, so the
   * server cannot hand the checker another key.
   */
  verifyVoteProof: TVerifyVoteProof;
}

const INDEX = /^(0|[1-9][0-9]{0,19})$/;

function parseIndex(value: string, failure: TCheckFailure): bigint {
  if (!INDEX.test(value)) throw new CheckFailed(failure, `ledger index ${JSON.stringify(value)}`);
  return BigInt(value);
}

/** A tile fetch that failed: the data is unavailable, nothing is concluded (outcome "error"). */
class Unavailable extends Error {}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Why a vote entry is not a valid vote of the poll `poll` with nullifier `nullifier`, or null if it
 * is: the policy checks castVote makes (Semaphore's verifyProof checks only the SNARK), then the
 * SNARK itself.
 */
async function invalidVote(
  vote: Extract<TLedgerEntry, { type: "vote" }>,
  poll: Extract<TLedgerEntry, { type: "poll_opened" }>,
  nullifier: string,
  verifyVoteProof: TVerifyVoteProof,
): Promise<string | null> {
  const p = vote.proof;
  if (p.nullifier !== nullifier) return "another nullifier";
  if (p.scope !== poll.scope) return "a scope other than the poll's";
  if (p.root !== poll.root) return "a census root other than the one the poll froze";
  if (p.depth !== poll.depth) return "a tree depth other than the poll's";
  const ballot = validateBallot(poll.method, poll.options.length, vote.ballot);
  if (!ballot.ok) return `an invalid ballot (${ballot.reason})`;
  if (p.message !== ballotMessage(vote.ballot, vote.sequence).toString())
    return "a proof message that is not the hash of its ballot and sequence";
  const valid = await verifyVoteProof({
    merkleTreeDepth: p.depth,
    merkleTreeRoot: p.root,
    nullifier: p.nullifier,
    message: p.message,
    scope: p.scope,
    points: p.points,
  });
  return valid ? null : "a zero-knowledge proof that does not verify against the official key";
}

interface TallyCheck {
  receipt: TReceiptFields;
  index: bigint;
  /** The vote's bytes, already proven at `index` under `tree`. */
  bytes: Uint8Array;
  sources: ReceiptSources;
  verifier: NoteVerifier;
  tree: SignedTree;
  openedIndex: bigint;
  closedIndex: bigint;
  verifyVoteProof: TVerifyVoteProof;
}

/** Step 5 for a closed poll (see the module comment). */
async function checkTally(c: TallyCheck): Promise<{
  votes: number;
  size: bigint;
  replacedBy?: string;
  sequence: number;
}> {
  let tree = c.tree;
  const readTile = (path: string) =>
    c.sources.tile(path).catch((e: unknown) => {
      throw new Unavailable(reason(e));
    });
  // The kept proof's checkpoint may predate the close. Then take the latest signed checkpoint and
  // prove this vote in it again, so that everything below is checked against one signed tree.
  let replacedTree = false;
  if (c.closedIndex >= tree.size) {
    const note = await c.sources.checkpoint();
    const latest =
      note === null ? null : openCheckpoint({ note, origin: c.verifier.name, verifiers: [c.verifier] });
    if (!latest)
      throw new CheckFailed("signatureInvalid", `the latest checkpoint is not signed by ${c.verifier.name}`);
    tree = latest.checkpoint;
    replacedTree = true;
  }
  const log = includedEntries(readTile, tree);
  const read = async <T>(what: () => Promise<T>, failure: TCheckFailure): Promise<T> => {
    try {
      return await what();
    } catch (e) {
      if (e instanceof Unavailable) throw new Error(e.message);
      throw new CheckFailed(failure, reason(e));
    }
  };
  const decodeAs = (bytes: Uint8Array, failure: TCheckFailure) => {
    try {
      return decodeEntry(bytes);
    } catch (e) {
      throw new CheckFailed(failure, reason(e));
    }
  };
  if (replacedTree) {
    const again = await read(() => log.entry(c.index), "inclusionInvalid");
    if (!sameBytes(again, c.bytes))
      throw new CheckFailed("inclusionInvalid", `entry ${c.index} differs in the latest checkpoint`);
  }

  const closing = decodeAs(await read(() => log.entry(c.closedIndex), "closingInvalid"), "closingInvalid");
  if (closing.type !== "poll_closed" || closing.pollId !== c.receipt.pollId)
    throw new CheckFailed("closingInvalid", `entry ${c.closedIndex} is not the close of this poll`);
  const opening = decodeAs(await read(() => log.entry(c.openedIndex), "openingInvalid"), "openingInvalid");
  if (opening.type !== "poll_opened" || opening.pollId !== c.receipt.pollId)
    throw new CheckFailed("openingInvalid", `entry ${c.openedIndex} is not the opening of this poll`);
  const size = BigInt(closing.ledgerSize);
  if (size > c.closedIndex || size <= c.openedIndex)
    throw new CheckFailed("closingInvalid", `the close covers ${size} entries`);
  if (c.index <= c.openedIndex || c.index >= size) {
    throw new CheckFailed(
      "notInTally",
      `the tally of entry ${c.closedIndex} covers entries ${c.openedIndex + 1n} to ${size - 1n}, not ${c.index}`,
    );
  }
  if (size - c.openedIndex - 1n > BigInt(MAX_TALLY_ENTRIES)) {
    // Not a failure: nothing was concluded, and the page says how far this check goes.
    throw new Error(`the poll's tally covers more than ${MAX_TALLY_ENTRIES} ledger entries`);
  }

  // Every entry the tally covered after the opening, proven bundle by bundle.
  const width = BigInt(TILE_WIDTH);
  let votes = 0;
  const later: { index: bigint; vote: Extract<TLedgerEntry, { type: "vote" }> }[] = [];
  for (let b = (c.openedIndex + 1n) / width; b <= (size - 1n) / width; b++) {
    const entries = await read(() => log.bundle(b), "votesNotInLog");
    for (const [k, bytes] of entries.entries()) {
      const i = b * width + BigInt(k);
      if (i <= c.openedIndex || i >= size) continue;
      let e: TLedgerEntry;
      try {
        e = decodeEntry(bytes);
      } catch {
        continue; // Not a well-formed entry, so no vote a tally could count.
      }
      if (e.type !== "vote" || e.pollId !== c.receipt.pollId) continue;
      votes++;
      if (i !== c.index && e.proof.nullifier === c.receipt.nullifier && e.sequence >= c.receipt.sequence)
        later.push({ index: i, vote: e });
    }
  }
  if (later.length === 0) return { votes, size, sequence: c.receipt.sequence };
  for (const { index, vote } of later) {
    if (vote.sequence === c.receipt.sequence)
      throw new CheckFailed("replacementInvalid", `entry ${index} repeats your sequence number`);
    const why = await invalidVote(vote, opening, c.receipt.nullifier, c.verifyVoteProof);
    if (why)
      throw new CheckFailed(
        "replacementProofInvalid",
        `entry ${index} claims to replace your vote with ${why}`,
      );
  }
  const top = later.reduce((a, v) => (v.vote.sequence > a.vote.sequence ? v : a));
  if (later.some((v) => v !== top && v.vote.sequence === top.vote.sequence))
    throw new CheckFailed("replacementInvalid", `two entries carry sequence number ${top.vote.sequence}`);
  return { votes, size, replacedBy: top.index.toString(), sequence: top.vote.sequence };
}

/** Checks one receipt (see the module comment for the steps). Never throws. */
export async function checkReceipt(
  receipt: TReceiptFields,
  sources: ReceiptSources,
  options: CheckReceiptOptions,
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

    // 5. The tally, once the poll has closed: read from the signed log itself, not from the server.
    current = "tally";
    const tally = await sources.pollResults(receipt.pollId);
    if (tally.status === "open") {
      pass({});
      return { outcome: "open", steps, tlogProof };
    }
    const closedEntry = tally.closedEntry;
    const result = await checkTally({
      sources,
      verifier,
      tree: opened.checkpoint,
      receipt,
      index,
      bytes,
      openedIndex: parseIndex(tally.openedEntry, "openingInvalid"),
      closedIndex: parseIndex(closedEntry, "closingInvalid"),
      verifyVoteProof: options.verifyVoteProof,
    });
    if (result.replacedBy === undefined) {
      pass({ closedEntry, votes: result.votes.toString(), size: result.size.toString() });
      return { outcome: "counted", steps, tlogProof, closedEntry };
    }
    pass({
      closedEntry,
      votes: result.votes.toString(),
      size: result.size.toString(),
      replacedBy: result.replacedBy,
      sequence: result.sequence.toString(),
    });
    return { outcome: "superseded", steps, tlogProof, closedEntry, replacedBy: result.replacedBy };
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
    async checkpoint() {
      const res = await get("/ledger/checkpoint");
      if (res.status === 404) return null;
      if (!res.ok) throw await failure("/ledger/checkpoint", res);
      return res.text();
    },
    async tile(path) {
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
