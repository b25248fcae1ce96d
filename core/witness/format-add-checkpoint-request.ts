import { encodeBase64 } from "../encoding/encode-base64";
import { assertHashList, assertObject, assertString, assertUint64 } from "../internal/assert";
import { parseSignedNote } from "../note/parse-signed-note";
import { MAX_CONSISTENCY_PROOF_LINES } from "./constants";
import type { AddCheckpointRequest } from "./types";

/**
 * Formats the body of POST <submission prefix>/add-checkpoint (c2sp.org/tlog-witness): an
 * "old <size>" line, one base64 consistency proof hash per line, an empty line, then the signed
 * checkpoint. The proof must be empty when oldSize is 0, and at most 63 hashes long.
 */
export function formatAddCheckpointRequest(request: AddCheckpointRequest): string {
  assertObject(request, "request");
  const { oldSize, proof, checkpoint } = request;
  assertUint64(oldSize, "oldSize");
  assertHashList(proof, "proof");
  if (proof.length > MAX_CONSISTENCY_PROOF_LINES) {
    throw new RangeError(`proof must have at most ${MAX_CONSISTENCY_PROOF_LINES} hashes`);
  }
  if (oldSize === 0n && proof.length > 0) throw new RangeError("proof must be empty when oldSize is 0");
  assertString(checkpoint, "checkpoint");
  parseSignedNote(checkpoint);
  return `old ${oldSize.toString(10)}\n${proof.map((hash) => `${encodeBase64(hash)}\n`).join("")}\n${checkpoint}`;
}
