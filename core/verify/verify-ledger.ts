import { parseCheckpoint } from "../checkpoint/parse-checkpoint";
import type { Checkpoint } from "../checkpoint/types";
import { encodeBase64 } from "../encoding/encode-base64";
import { bytesEqual } from "../internal/bytes";
import { generateConsistencyProof } from "../merkle/generate-consistency-proof";
import { verifyConsistency } from "../merkle/verify-consistency";
import { openNote } from "../note/open-note";
import { parseSignedNote } from "../note/parse-signed-note";
import { parseVerifierKey } from "../note/parse-verifier-key";
import type { NoteVerifier } from "../note/types";
import { createTileHashReader } from "../tiles/create-tile-hash-reader";
import { formatTilePath } from "../tiles/format-tile-path";
import { compareIndex } from "./compare-index";
import { forEachLimited } from "./for-each-limited";
import { recomputeTree } from "./recompute-tree";
import { LedgerReplay } from "./replay-ledger";
import type {
  LedgerSource,
  PollRecount,
  ProofBatchVerifier,
  TVerifyPhase,
  VerifyCheck,
  VerifyFinding,
  VerifyProgress,
  VerifyReport,
} from "./types";
import { VERIFY_PHASES } from "./types";
import { describeQuorum, type WitnessPolicy, witnessQuorumMet } from "./witness-policy";

export interface VerifyLedgerParams {
  readonly source: LedgerSource;
  /** The log's note verifier key "<origin>+<key id>+<base64>", pinned by the observer. */
  readonly verifierKey: string;
  /** k-of-n witness cosignatures required on the checkpoint. */
  readonly witnessPolicy?: WitnessPolicy;
  /** The checkpoint this observer verified last time: the new one must be consistent with it. */
  readonly previous?: string;
  /** Checks Semaphore proofs in batches (a worker pool in the CLI, Web Workers in the browser). */
  readonly verifyProofs: ProofBatchVerifier;
  /** Proofs per call of verifyProofs (default 1024); calls run `proofParallelism` at a time. */
  readonly proofChunkSize?: number;
  readonly proofParallelism?: number;
  readonly onProgress?: (progress: VerifyProgress) => void;
}

const now = () => globalThis.performance.now();

/**
 * Verifies a Plaza ledger from its public tiles alone, the way an observer who trusts nothing the
 * operator says would:
 *
 * 1. checkpoint  the latest checkpoint is signed by the pinned log key for its origin; witness
 *                cosignatures meet the policy; and it is consistent with the checkpoint verified
 *                before (RFC 9162 consistency proof built from the tiles). A smaller tree is a
 *                rollback, an inconsistent one a fork: both signed checkpoints are the evidence.
 * 2. tree        every entry bundle and hash tile is read, the tree is recomputed from the entries
 *                and its root compared with the checkpoint's (recomputeTree).
 * 3. entries     every entry is parsed strictly and replayed (LedgerReplay): census roots, poll
 *                rules, and every vote's policy checks.
 * 4. proofs      every vote's Groth16 proof is checked against Semaphore's official key of its
 *                depth, in batches.
 * 5. tallies     every poll is recounted from the votes that passed, and each close compared.
 *
 * Never throws for bad data: everything wrong is a finding naming the entry index; `ok` is true
 * only when there is none. Throws only for a malformed verifier key (the observer's own input) or
 * when `verifyProofs` fails (nothing can be concluded about the proofs then).
 */
export async function verifyLedger(params: VerifyLedgerParams): Promise<VerifyReport> {
  const logKey = parseVerifierKey(params.verifierKey);
  const findings: VerifyFinding[] = [];
  const checks: VerifyCheck[] = [];
  const timings: Partial<Record<TVerifyPhase, number>> = {};
  const progress = (phase: TVerifyPhase, done: number, total: number) =>
    params.onProgress?.({ phase, done, total });
  let note = "";
  const empty = (checkpoint: Checkpoint | null): VerifyReport => ({
    ok: false,
    origin: checkpoint?.origin ?? logKey.name,
    size: checkpoint ? checkpoint.size.toString() : "0",
    rootHash: checkpoint ? encodeBase64(checkpoint.rootHash) : "",
    checkpoint: note,
    checks,
    findings,
    entries: { total: 0, byType: {} },
    proofs: { checked: 0, invalid: 0, depths: [] },
    polls: [],
    processes: [],
    timings,
  });

  // 1. Checkpoint.
  let t = now();
  progress("checkpoint", 0, 1);
  let checkpoint: Checkpoint;
  try {
    note = await params.source.checkpoint();
  } catch (e) {
    findings.push(
      finding(
        "checkpoint",
        "CHECKPOINT_MALFORMED",
        null,
        `the checkpoint could not be read: ${(e as Error).message}`,
      ),
    );
    return empty(null);
  }
  const opened = openSigned(note, logKey);
  if (opened === "malformed") {
    findings.push(
      finding(
        "checkpoint",
        "CHECKPOINT_MALFORMED",
        null,
        "the checkpoint is not a well-formed signed checkpoint note",
      ),
    );
    return empty(null);
  }
  if (opened === null) {
    findings.push({
      ...finding(
        "checkpoint",
        "SIGNATURE_INVALID",
        null,
        `the checkpoint carries no valid signature by ${logKey.name} (key id ${hex8(logKey.keyId)}) for origin ${logKey.name}`,
      ),
      evidence: { checkpoint: note },
    });
    return empty(null);
  }
  checkpoint = opened;
  checks.push({
    phase: "checkpoint",
    ok: true,
    text: `checkpoint of ${checkpoint.size} entries signed by ${logKey.name} (Ed25519, key id ${hex8(logKey.keyId)})`,
  });

  if (params.witnessPolicy) {
    const { cosigned, invalid } = checkCosignatures(note, params.witnessPolicy);
    for (const name of invalid) {
      findings.push({
        ...finding(
          "checkpoint",
          "WITNESS_COSIGNATURE_INVALID",
          null,
          `witness ${name}'s cosignature on the checkpoint does not verify`,
        ),
        evidence: { checkpoint: note },
      });
    }
    const met = witnessQuorumMet(params.witnessPolicy, new Set(cosigned));
    const quorum = describeQuorum(params.witnessPolicy);
    if (!met) {
      findings.push(
        finding(
          "checkpoint",
          "WITNESS_QUORUM_UNMET",
          null,
          `the witness policy needs ${quorum}; valid cosignatures from: ${cosigned.length ? cosigned.join(", ") : "none"}`,
        ),
      );
    }
    checks.push({
      phase: "checkpoint",
      ok: met && invalid.length === 0,
      text: `witness policy ${quorum}: cosigned by ${cosigned.length ? cosigned.join(", ") : "no witness"}`,
    });
  }

  if (params.previous !== undefined) {
    const fatal = await checkConsistency(
      params.source,
      logKey,
      params.previous,
      note,
      checkpoint,
      findings,
      checks,
    );
    if (fatal) {
      timings.checkpoint = now() - t;
      return empty(checkpoint);
    }
  }
  progress("checkpoint", 1, 1);
  timings.checkpoint = now() - t;

  // 2. Tree.
  t = now();
  const tree = await recomputeTree({
    source: params.source,
    size: checkpoint.size,
    onProgress: (done, total) => progress("tree", done, total),
  });
  findings.push(...tree.findings);
  const rootOk = tree.rootHash !== null && bytesEqual(tree.rootHash, checkpoint.rootHash);
  if (tree.rootHash !== null && !rootOk) {
    findings.push(
      finding(
        "tree",
        "ROOT_MISMATCH",
        null,
        `the ${checkpoint.size} entries hash to root ${encodeBase64(tree.rootHash)}, not the checkpoint's ${encodeBase64(checkpoint.rootHash)}`,
      ),
    );
  }
  checks.push({
    phase: "tree",
    ok: rootOk && tree.findings.length === 0,
    text: `tree of ${checkpoint.size} entries recomputed from ${plural(tree.bundles, "entry bundle")}; ${plural(tree.hashTiles, "hash tile")} compared; root ${rootOk ? "matches" : "does NOT match"} the checkpoint`,
  });
  timings.tree = now() - t;

  // 3. Entries.
  t = now();
  const replay = new LedgerReplay(checkpoint.origin);
  const total = tree.entries.length;
  const step = Math.max(1, Math.floor(total / 100));
  for (let i = 0; i < total; i++) {
    const bytes = tree.entries[i];
    if (bytes === undefined) continue; // Its bundle is reported in the tree phase.
    replay.apply(BigInt(i), bytes);
    if (i % step === 0) progress("entries", i, total);
  }
  progress("entries", total, total);
  findings.push(...replay.findings);
  const entryFindings = replay.findings.length;
  checks.push({
    phase: "entries",
    ok: entryFindings === 0,
    text: `${replay.entryCount} entries parsed strictly and replayed: ${replay.districtCount} districts, ${replay.memberEntries} census changes (every root rebuilt), ${replay.pollCount} polls' rules, ${replay.processCount} ${replay.processCount === 1 ? "process's" : "processes'"} rules and phases, ${replay.byType.vote ?? 0} votes (scope, frozen root, ballot, message, nullifier and sequence), ${replay.proposalCount} proposals, ${replay.byType.support ?? 0} supports and ${replay.byType.comment ?? 0} comments (scope and slot, a census root the process accepts, content hash, nullifier), ${replay.byType.response ?? 0} responses, ${replay.byType.moderation ?? 0} moderations`,
  });
  timings.entries = now() - t;

  // 4. Proofs.
  t = now();
  const proofChecks = replay.proofChecks;
  const valid = await checkProofs(
    params,
    proofChecks.map((c) => c.proof),
    (done) => progress("proofs", done, proofChecks.length),
  );
  const invalid = new Set<bigint>();
  proofChecks.forEach((c, k) => {
    if (!valid[k]) {
      invalid.add(c.index);
      findings.push(
        finding(
          "proofs",
          "INVALID_PROOF",
          c.index.toString(),
          `entry ${c.index}: the Groth16 proof does not verify against Semaphore's official key for depth ${c.proof.merkleTreeDepth}`,
        ),
      );
    }
  });
  const depths = [...new Set(proofChecks.map((c) => c.proof.merkleTreeDepth))].sort((a, b) => a - b);
  checks.push({
    phase: "proofs",
    ok: invalid.size === 0,
    text: `${proofChecks.length} Semaphore proofs checked in batches against the official verification keys${depths.length ? ` (depth ${depths.join(", ")})` : ""}: ${proofChecks.length - invalid.size} valid, ${invalid.size} invalid`,
  });
  timings.proofs = now() - t;

  // 5. Tallies.
  t = now();
  const before = replay.findings.length;
  const polls: PollRecount[] = replay.recount((index) => !invalid.has(index));
  const processes = replay.processes((index) => !invalid.has(index));
  const tallyFindings = replay.findings.slice(before);
  findings.push(...tallyFindings);
  const closed = polls.filter((p) => p.closedIndex !== null);
  checks.push({
    phase: "tallies",
    ok: tallyFindings.length === 0,
    text: `${polls.length} polls recounted; ${closed.filter((p) => p.matches).length} of ${closed.length} closed polls' tallies equal their poll_closed entry; ${replay.byType.proposal_advanced ?? 0} advancements checked against the valid supports`,
  });
  progress("tallies", 1, 1);
  timings.tallies = now() - t;

  findings.sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || compareIndex(a.index, b.index));
  return {
    ok: findings.length === 0,
    origin: checkpoint.origin,
    size: checkpoint.size.toString(),
    rootHash: encodeBase64(checkpoint.rootHash),
    checkpoint: note,
    checks,
    findings,
    entries: { total: replay.entryCount, byType: replay.byType },
    proofs: { checked: proofChecks.length, invalid: invalid.size, depths },
    polls,
    processes,
    timings,
  };
}

function finding(
  phase: TVerifyPhase,
  code: VerifyFinding["code"],
  index: string | null,
  message: string,
): VerifyFinding {
  return { phase, code, index, message };
}

const hex8 = (id: number) => id.toString(16).padStart(8, "0");

/** The checkpoint if `note` is validly signed by `key` for its origin; null if not; "malformed". */
function openSigned(note: string, key: NoteVerifier): Checkpoint | null | "malformed" {
  try {
    const opened = openNote(note, [key]);
    if (opened === null) return null;
    const checkpoint = parseCheckpoint(opened.textBytes);
    return checkpoint.origin === key.name ? checkpoint : null;
  } catch {
    return "malformed";
  }
}

/**
 * Each policy witness's cosignature checked on its own, so one bad line is named rather than
 * failing the whole note: `cosigned` verified, `invalid` present with a matching key id but bad.
 */
function checkCosignatures(note: string, policy: WitnessPolicy): { cosigned: string[]; invalid: string[] } {
  const cosigned: string[] = [];
  const invalid: string[] = [];
  const lines = parseSignedNote(note).signatures;
  for (const [name, verifier] of policy.witnesses) {
    const present = lines.some((s) => s.name === verifier.name && s.keyId === verifier.keyId);
    if (!present) continue;
    if (openNote(note, [verifier]) === null) invalid.push(name);
    else cosigned.push(name);
  }
  return { cosigned, invalid };
}

/** Returns true when the failure is fatal (rollback, fork): nothing else can be trusted. */
async function checkConsistency(
  source: LedgerSource,
  logKey: NoteVerifier,
  previousNote: string,
  note: string,
  current: Checkpoint,
  findings: VerifyFinding[],
  checks: VerifyCheck[],
): Promise<boolean> {
  const previous = openSigned(previousNote, logKey);
  if (previous === null || previous === "malformed") {
    findings.push({
      ...finding(
        "checkpoint",
        "PREVIOUS_INVALID",
        null,
        "the checkpoint verified last time does not verify with the pinned key",
      ),
      evidence: { previous: previousNote },
    });
    return true;
  }
  const evidence = { previous: previousNote, current: note };
  if (current.size < previous.size) {
    findings.push({
      ...finding(
        "checkpoint",
        "ROLLBACK",
        null,
        `the log now shows ${current.size} entries, but it signed ${previous.size} entries before: a rollback`,
      ),
      evidence,
    });
    return true;
  }
  let consistent: boolean;
  if (current.size === previous.size) consistent = bytesEqual(current.rootHash, previous.rootHash);
  else if (previous.size === 0n) consistent = true;
  else {
    try {
      const readHashes = createTileHashReader({
        size: current.size,
        readTiles: (ids) => Promise.all(ids.map((id) => source.tile(formatTilePath(id)))),
      });
      const proof = await generateConsistencyProof({ size1: previous.size, size2: current.size, readHashes });
      consistent = verifyConsistency({
        size1: previous.size,
        size2: current.size,
        root1: previous.rootHash,
        root2: current.rootHash,
        proof,
      });
    } catch (e) {
      findings.push(
        finding(
          "checkpoint",
          "TILE_UNAVAILABLE",
          null,
          `the consistency proof could not be built from the tiles: ${(e as Error).message}`,
        ),
      );
      return true;
    }
  }
  if (!consistent) {
    findings.push({
      ...finding(
        "checkpoint",
        "FORK",
        null,
        `the log signed a tree of ${current.size} entries that does not extend the tree of ${previous.size} entries it signed before: a fork`,
      ),
      evidence,
    });
    return true;
  }
  checks.push({
    phase: "checkpoint",
    ok: true,
    text: `consistent with the checkpoint verified before (${previous.size} → ${current.size} entries, RFC 9162 consistency proof from the tiles)`,
  });
  return false;
}

async function checkProofs(
  params: VerifyLedgerParams,
  proofs: Parameters<ProofBatchVerifier>[0],
  onDone: (done: number) => void,
): Promise<boolean[]> {
  const size = params.proofChunkSize ?? 1024;
  const parallel = params.proofParallelism ?? 4;
  const results: boolean[] = new Array(proofs.length).fill(false);
  const chunks: number[] = [];
  for (let start = 0; start < proofs.length; start += size) chunks.push(start);
  let done = 0;
  onDone(0);
  await forEachLimited(chunks, parallel, async (start) => {
    const chunk = proofs.slice(start, start + size);
    // Every proof reaching here passed the entry schema (canonical field elements, depth 1..32,
    // eight coordinates below p), so the verifier can decode it: a throw means the verifier itself
    // failed, and reporting its proofs as invalid would be a false accusation. It propagates.
    let answers: boolean[];
    try {
      answers = await params.verifyProofs(chunk);
    } catch (e) {
      throw new Error(`the proof verifier failed: ${(e as Error).message}`);
    }
    if (answers.length !== chunk.length)
      throw new Error("the proof verifier answered for the wrong number of proofs");
    answers.forEach((ok, k) => {
      results[start + k] = ok === true;
    });
    done += chunk.length;
    onDone(done);
  });
  return results;
}

const phaseOrder = (p: TVerifyPhase) => VERIFY_PHASES.indexOf(p);

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
