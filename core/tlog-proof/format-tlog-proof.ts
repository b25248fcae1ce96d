import { encodeBase64 } from "../encoding/encode-base64";
import { assertBytes, assertHashList, assertObject, assertString, assertUint64 } from "../internal/assert";
import { parseSignedNote } from "../note/parse-signed-note";
import { MAX_PROOF_HASHES, TLOG_PROOF_HEADER } from "./constants";
import type { TlogProof } from "./types";

/**
 * Formats an offline-verifiable receipt (c2sp.org/tlog-proof, "Format"):
 *
 *     c2sp.org/tlog-proof@v1
 *     [extra <base64 extra data>]
 *     index <decimal index>
 *     <base64 proof hash>...          (leaf sibling first)
 *     <empty line>
 *     <signed checkpoint, verbatim>
 *
 * The checkpoint is included byte for byte so its signatures and cosignatures still verify; it
 * must be a syntactically valid signed note (TypeError otherwise).
 */
export function formatTlogProof(params: TlogProof): string {
  assertObject(params, "params");
  const { extra, index, proof, checkpoint } = params;
  if (extra !== undefined) assertBytes(extra, "extra");
  assertUint64(index, "index");
  assertHashList(proof, "proof");
  if (proof.length > MAX_PROOF_HASHES)
    throw new RangeError(`proof must have at most ${MAX_PROOF_HASHES} hashes`);
  assertString(checkpoint, "checkpoint");
  parseSignedNote(checkpoint);
  let out = `${TLOG_PROOF_HEADER}\n`;
  if (extra !== undefined) out += `extra ${encodeBase64(extra)}\n`;
  out += `index ${index.toString(10)}\n`;
  for (const hash of proof) out += `${encodeBase64(hash)}\n`;
  return `${out}\n${checkpoint}`;
}
