import { decodeBase64 } from "../encoding/decode-base64";
import { parseUint64Decimal } from "../internal/decimal";
import { noteBytesAndText } from "../internal/utf8";
import { MAX_CONSISTENCY_PROOF_LINES } from "./constants";
import type { AddCheckpointRequest } from "./types";

/**
 * Parses an add-checkpoint request body (c2sp.org/tlog-witness): "old <size>" with a canonical
 * decimal, at most 63 lines of canonical base64 32-byte hashes, an empty line, and the checkpoint
 * (the rest, non-empty, ending in a newline). Throws TypeError/RangeError for a malformed body; a
 * witness answers those with 400 Bad Request.
 *
 * Only syntax is checked. The witness still verifies the checkpoint signature (403/404), compares
 * oldSize with its state (409), and verifies the proof (422); a non-empty proof with oldSize 0 is
 * such an invalid proof.
 */
export function parseAddCheckpointRequest(body: string | Uint8Array): AddCheckpointRequest {
  const { text } = noteBytesAndText(body, "add-checkpoint body");
  const lines = text.split("\n");
  const first = lines[0] ?? "";
  if (!first.startsWith("old ")) throw new TypeError('add-checkpoint body must start with "old <size>"');
  const oldSize = parseUint64Decimal(first.slice(4), "old size");
  const proof: Uint8Array[] = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== ""; i++) {
    if (proof.length === MAX_CONSISTENCY_PROOF_LINES) {
      throw new RangeError(`add-checkpoint body has more than ${MAX_CONSISTENCY_PROOF_LINES} proof lines`);
    }
    const hash = decodeBase64(lines[i] as string, `proof line ${proof.length + 1}`);
    if (hash.length !== 32) throw new TypeError(`proof line ${proof.length + 1} must be a 32-byte hash`);
    proof.push(hash);
  }
  if (i >= lines.length)
    throw new TypeError("add-checkpoint body must have an empty line before the checkpoint");
  const checkpoint = lines.slice(i + 1).join("\n");
  if (checkpoint === "" || !checkpoint.endsWith("\n")) {
    throw new TypeError("add-checkpoint body must end with a checkpoint ending in a newline");
  }
  return { oldSize, proof, checkpoint };
}
