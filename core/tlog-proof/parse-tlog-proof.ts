import { decodeBase64 } from "../encoding/decode-base64";
import { parseUint64Decimal } from "../internal/decimal";
import { noteBytesAndText } from "../internal/utf8";
import { MAX_PROOF_HASHES, TLOG_PROOF_HEADER } from "./constants";
import type { TlogProof } from "./types";

/**
 * Parses a c2sp.org/tlog-proof@v1 proof (see `formatTlogProof` for the layout). Strict: the header
 * must match exactly; the optional "extra " line must hold canonical base64; the index must be a
 * canonical decimal uint64; every proof line must be canonical base64 of 32 bytes (at most 64
 * lines); an empty line must follow; and the rest, the checkpoint, must be non-empty text ending in
 * a newline. The text must be valid UTF-8 with no control characters but newline, as the signed
 * checkpoint inside it must be anyway. Throws TypeError (RangeError for numbers out of range).
 *
 * Parsing authenticates nothing: use `verifyTlogProof`.
 */
export function parseTlogProof(text: string | Uint8Array): TlogProof {
  const { text: body } = noteBytesAndText(text, "tlog proof");
  const lines = body.split("\n");
  let i = 0;
  const next = (): string | undefined => lines[i++];
  if (next() !== TLOG_PROOF_HEADER) throw new TypeError(`tlog proof must start with "${TLOG_PROOF_HEADER}"`);
  let line = next();
  let extra: Uint8Array | undefined;
  if (line?.startsWith("extra ")) {
    extra = decodeBase64(line.slice("extra ".length), "tlog proof extra data");
    line = next();
  }
  if (!line?.startsWith("index ")) throw new TypeError('tlog proof must have an "index <n>" line');
  const index = parseUint64Decimal(line.slice("index ".length), "tlog proof index");
  const proof: Uint8Array[] = [];
  for (line = next(); line !== undefined && line !== ""; line = next()) {
    if (proof.length === MAX_PROOF_HASHES)
      throw new RangeError(`tlog proof has more than ${MAX_PROOF_HASHES} hashes`);
    const hash = decodeBase64(line, `tlog proof hash ${proof.length}`);
    if (hash.length !== 32)
      throw new TypeError(`tlog proof hash ${proof.length} must be 32 bytes, got ${hash.length}`);
    proof.push(hash);
  }
  if (line === undefined) throw new TypeError("tlog proof must have an empty line before the checkpoint");
  const checkpoint = lines.slice(i).join("\n");
  if (checkpoint === "" || !checkpoint.endsWith("\n")) {
    throw new TypeError("tlog proof must end with a checkpoint ending in a newline");
  }
  return extra === undefined ? { index, proof, checkpoint } : { extra, index, proof, checkpoint };
}
