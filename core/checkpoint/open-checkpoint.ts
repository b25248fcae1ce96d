import { assertString } from "../internal/assert";
import { openNote } from "../note/open-note";
import type { NoteVerifier, OpenedNote } from "../note/types";
import { parseCheckpoint } from "./parse-checkpoint";
import type { Checkpoint } from "./types";

export interface OpenCheckpointParams {
  /** The signed checkpoint note, as served at <prefix>/checkpoint. */
  readonly note: string | Uint8Array;
  /** The origin the caller expects, e.g. from configuration. */
  readonly origin: string;
  /** The log's key(s), plus any witness cosigner keys whose cosignatures should be verified. */
  readonly verifiers: readonly NoteVerifier[];
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/**
 * Verifies a signed checkpoint and parses its body: the note must be signed by at least one of
 * `verifiers` (`openNote` rules) and its origin line must equal `origin`. Checking the origin
 * matters because the signature alone does not say which log the tree belongs to when a key signs
 * for several logs (c2sp.org/tlog-checkpoint, "Signatures").
 *
 * Returns null when the checkpoint is well-formed but not acceptably signed or for another origin;
 * throws TypeError when the note or its body is malformed.
 */
export function openCheckpoint(params: OpenCheckpointParams): OpenedCheckpoint | null {
  assertString(params?.origin, "origin");
  const note = openNote(params.note, params.verifiers);
  if (note === null) return null;
  const checkpoint = parseCheckpoint(note.textBytes);
  if (checkpoint.origin !== params.origin) return null;
  return { checkpoint, note };
}
