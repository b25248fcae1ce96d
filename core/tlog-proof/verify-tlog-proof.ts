import { openCheckpoint } from "../checkpoint/open-checkpoint";
import { assertHash, assertObject, assertString } from "../internal/assert";
import { verifyInclusion } from "../merkle/verify-inclusion";
import { openNote } from "../note/open-note";
import type { NoteVerifier } from "../note/types";
import { parseTlogProof } from "./parse-tlog-proof";
import type { TlogProof } from "./types";

export interface VerifyTlogProofParams {
  /** The proof text, as stored in a .tlog-proof file. */
  readonly proof: string | Uint8Array;
  /** Leaf hash of the entry the proof is for, SHA-256(0x00 || entry). */
  readonly leafHash: Uint8Array;
  /** Expected checkpoint origin of the log. */
  readonly origin: string;
  /** The log's public key(s). */
  readonly logVerifiers: readonly NoteVerifier[];
  /** Witness cosigner keys; with `witnessQuorum`, how many of them must have cosigned. */
  readonly witnesses?: readonly NoteVerifier[];
  readonly witnessQuorum?: number;
}

/**
 * Verifies a c2sp.org/tlog-proof offline: the checkpoint must be signed by the log for `origin`,
 * cosigned by at least `witnessQuorum` distinct `witnesses` (default 0), and the inclusion proof
 * must show `leafHash` at the proof's index in the checkpointed tree. Witness cosignatures are what
 * make the receipt convincing to someone who does not trust the log: they attest that the log
 * showed everyone the same tree.
 *
 * Returns the parsed proof when it verifies, null when it is well-formed but does not (bad or
 * missing signatures, too few cosignatures, wrong origin, index outside the tree, wrong hashes).
 * Throws TypeError/RangeError for malformed input. The `extra` data is not authenticated.
 */
export function verifyTlogProof(params: VerifyTlogProofParams): TlogProof | null {
  assertObject(params, "params");
  const { leafHash, origin, logVerifiers } = params;
  assertHash(leafHash, "leafHash");
  assertString(origin, "origin");
  const witnesses = params.witnesses ?? [];
  const quorum = params.witnessQuorum ?? 0;
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > witnesses.length) {
    throw new RangeError(`witnessQuorum must be an integer in [0, ${witnesses.length}], got ${quorum}`);
  }
  // A log key listed as a witness would let the log vouch for itself.
  for (const witness of witnesses) {
    if (logVerifiers.some((v) => v.name === witness.name && v.keyId === witness.keyId)) {
      throw new TypeError(`witnesses must not include a log key (${witness.name})`);
    }
  }
  const parsed = parseTlogProof(params.proof);
  const opened = openCheckpoint({ note: parsed.checkpoint, origin, verifiers: logVerifiers });
  if (opened === null) return null;
  if (quorum > 0) {
    // Checked separately from the log's signature, with only the witness keys, so the count is of
    // distinct witnesses.
    const cosigned = openNote(parsed.checkpoint, witnesses);
    if (cosigned === null || cosigned.verified.length < quorum) return null;
  }
  const { size, rootHash } = opened.checkpoint;
  if (parsed.index >= size) return null;
  const ok = verifyInclusion({ index: parsed.index, size, leafHash, proof: parsed.proof, root: rootHash });
  return ok ? parsed : null;
}
