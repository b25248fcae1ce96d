import { encodeBase64 } from "../encoding/encode-base64";
import { assertHash, assertObject, assertString, assertUint64 } from "../internal/assert";
import { assertNoControlCharacters, hasLoneSurrogate } from "../internal/utf8";
import type { Checkpoint } from "./types";

export interface FormatCheckpointParams {
  readonly origin: string;
  readonly size: bigint;
  readonly rootHash: Uint8Array;
  readonly extensions?: readonly string[];
}

/**
 * Formats a checkpoint body (c2sp.org/tlog-checkpoint): origin, decimal size, base64 root hash and
 * optional extension lines, each followed by a newline. This text is what the log signs with
 * `signNote` and witnesses cosign. Rejects (TypeError/RangeError) anything `parseCheckpoint` would
 * reject, so a log cannot sign a checkpoint clients cannot read.
 */
export function formatCheckpoint(params: FormatCheckpointParams | Checkpoint): string {
  assertObject(params, "params");
  const { origin, size, rootHash } = params;
  const extensions = params.extensions ?? [];
  checkLine(origin, "origin");
  assertUint64(size, "size");
  assertHash(rootHash, "rootHash");
  if (!Array.isArray(extensions)) throw new TypeError("extensions must be an array of strings");
  extensions.forEach((line, i) => {
    checkLine(line, `extensions[${i}]`);
  });
  return [origin, size.toString(10), encodeBase64(rootHash), ...extensions]
    .map((line) => `${line}\n`)
    .join("");
}

function checkLine(line: unknown, name: string): void {
  assertString(line, name);
  if (line === "") throw new TypeError(`${name} must not be empty`);
  if (line.includes("\n")) throw new TypeError(`${name} must be a single line`);
  if (hasLoneSurrogate(line)) throw new TypeError(`${name} is not valid UTF-8 (lone surrogate)`);
  assertNoControlCharacters(line, name);
}
