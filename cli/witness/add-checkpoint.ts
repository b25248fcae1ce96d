import { type Checkpoint, openCheckpoint } from "../../core/checkpoint";
import { signCosignature } from "../../core/cosignature";
import { encodeBase64 } from "../../core/encoding";
import { verifyConsistency } from "../../core/merkle";
import { formatSignatureLine, type NoteSigner, type NoteVerifier, parseSignedNote } from "../../core/note";
import { type AddCheckpointRequest, parseAddCheckpointRequest } from "../../core/witness";
import type { KeyedMutex } from "./keyed-mutex";
import type { WitnessStateStore } from "./witness-state-store";

/** A log the witness follows: its origin line and the key(s) it trusts for that origin. */
export interface WitnessLog {
  readonly origin: string;
  readonly verifiers: readonly NoteVerifier[];
}

export interface Witness {
  /** The witness's cosignature/v1 key (type 0x04). */
  readonly signer: NoteSigner;
  readonly logs: ReadonlyMap<string, WitnessLog>;
  readonly store: WitnessStateStore;
  /** Serializes requests per origin (see KeyedMutex). */
  readonly mutex: KeyedMutex;
  /** POSIX seconds for cosignature timestamps. */
  readonly now: () => bigint;
}

export interface AddCheckpointResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** What happened, for the request log line (origin, sizes, reason). */
  readonly summary: string;
}

/** The content type c2sp.org/tlog-witness requires for a 409 that carries the witness's size. */
export const TLOG_SIZE_CONTENT_TYPE = "text/x.tlog.size";

const TEXT = "text/plain; charset=utf-8";

function fail(status: number, message: string, summary = message): AddCheckpointResponse {
  return { status, contentType: TEXT, body: `${message}\n`, summary };
}

/**
 * POST <submission prefix>/add-checkpoint, as c2sp.org/tlog-witness specifies it. The checks run
 * in the spec's order, each with its status code:
 *
 * - 400 Bad Request: the body is not "old <size>", proof lines, an empty line and a signed note
 *   whose text is a checkpoint; or the old size is larger than the checkpoint's size.
 * - 404 Not Found: the checkpoint's origin is not a log this witness follows.
 * - 403 Forbidden: no signature verifies against a key trusted for that origin (unknown keys are
 *   ignored; a known key with a bad signature rejects the note, see `openNote`).
 * - 409 Conflict, body "<size>\n" as text/x.tlog.size: the old size is not the size of the latest
 *   checkpoint this witness cosigned for the origin (0 if none). The client resyncs from it. This
 *   is also how a rollback is refused: a smaller checkpoint cannot carry the witness's old size.
 * - 409 Conflict (plain text): same size as the cosigned checkpoint but another root hash, a fork.
 * - 422 Unprocessable Entity: the RFC 6962 consistency proof from the old checkpoint does not
 *   verify, or a proof was sent with old size 0 (the proof "MUST be empty" then).
 * - 200: the witness persisted the new checkpoint as its latest, then returns its cosignature line.
 *
 * The comparison with the stored size and the durable write of the new one run under the
 * origin's lock, so two concurrent requests cannot both pass the check and roll the state back.
 */
export async function handleAddCheckpoint(
  witness: Witness,
  body: Uint8Array,
): Promise<AddCheckpointResponse> {
  let request: AddCheckpointRequest;
  let origin: string;
  try {
    request = parseAddCheckpointRequest(body);
    // The origin is the first line of the note text; it selects the keys to verify with.
    origin = parseSignedNote(request.checkpoint).text.split("\n", 1)[0] ?? "";
  } catch (e) {
    return fail(400, `malformed add-checkpoint request: ${(e as Error).message}`);
  }

  const log = witness.logs.get(origin);
  if (log === undefined) return fail(404, `unknown log origin ${JSON.stringify(origin)}`);

  let checkpoint: Checkpoint;
  let text: Uint8Array;
  try {
    const opened = openCheckpoint({ note: request.checkpoint, origin, verifiers: log.verifiers });
    if (opened === null) {
      return fail(
        403,
        "the checkpoint is not signed by a key this witness trusts for its origin",
        `origin=${origin} bad signature`,
      );
    }
    checkpoint = opened.checkpoint;
    text = opened.note.textBytes;
  } catch (e) {
    return fail(400, `malformed checkpoint: ${(e as Error).message}`);
  }

  const where = `origin=${origin} old=${request.oldSize} size=${checkpoint.size}`;
  if (request.oldSize > checkpoint.size) {
    return fail(
      400,
      `old size ${request.oldSize} is larger than the checkpoint size ${checkpoint.size}`,
      `${where} old > size`,
    );
  }

  return witness.mutex.run(origin, async () => {
    const state = witness.store.get(origin);
    const known = state?.size ?? 0n;
    if (request.oldSize !== known) {
      return {
        status: 409,
        contentType: TLOG_SIZE_CONTENT_TYPE,
        body: `${known}\n`,
        summary: `${where} conflict: witness is at ${known}`,
      };
    }

    const keepEvidence = async (reason: string): Promise<string> => {
      try {
        const file = await witness.store.saveEvidence(origin, text, new TextDecoder().decode(body));
        return file === null ? reason : `${reason}; evidence kept in ${file}`;
      } catch (e) {
        return `${reason}; could not keep evidence: ${(e as Error).message}`;
      }
    };

    if (state !== undefined && checkpoint.size === state.size) {
      // Same size as the cosigned tree: the roots must be identical, or the log signed two
      // different trees of one size, a fork the witness must never cosign.
      if (encodeBase64(checkpoint.rootHash) !== encodeBase64(state.rootHash)) {
        const summary = await keepEvidence(`${where} FORK: same size, different root hash`);
        return fail(
          409,
          `the checkpoint has size ${checkpoint.size} like the cosigned one but a different root hash`,
          summary,
        );
      }
      if (request.proof.length > 0) {
        return fail(422, "the consistency proof between equal trees must be empty", `${where} bad proof`);
      }
    } else if (request.oldSize === 0n) {
      // Nothing (or only an empty tree) cosigned yet: trust on first use, as the spec allows.
      if (request.proof.length > 0) {
        return fail(422, "the consistency proof must be empty when the old size is 0", `${where} bad proof`);
      }
    } else if (
      state === undefined ||
      !verifyConsistency({
        size1: request.oldSize,
        size2: checkpoint.size,
        root1: state.rootHash,
        root2: checkpoint.rootHash,
        proof: request.proof,
      })
    ) {
      // Either a broken proof or a log whose new tree does not extend the one we cosigned; the
      // signed checkpoint is kept, as the spec suggests, in case it is the latter.
      const summary = await keepEvidence(`${where} consistency proof does not verify`);
      return fail(422, `the consistency proof from size ${request.oldSize} does not verify`, summary);
    }

    // Persist before answering: the cosignature promises that this witness will only cosign
    // extensions of this tree from now on, so the promise must survive a crash.
    const timestamp = witness.now();
    await witness.store.put({
      origin,
      size: checkpoint.size,
      rootHash: checkpoint.rootHash,
      checkpoint: request.checkpoint,
      cosignedAt: timestamp,
    });
    const line = formatSignatureLine(signCosignature({ signer: witness.signer, text, timestamp }));
    return { status: 200, contentType: TEXT, body: line, summary: `${where} cosigned` };
  });
}
