import { parseCheckpoint } from "../../core/checkpoint";
import { parseSignedNote } from "../../core/note";
import { formatEntryBundlePath, formatTilePath, tilesForTreeSize } from "../../core/tiles";
import { forEachLimited } from "../../core/verify/for-each-limited";
import { CliError } from "../cli-error";
import type { MirrorDirectory } from "./mirror-directory";

export interface DownloadResult {
  /** Tree size of the downloaded (not yet verified) checkpoint. */
  readonly size: bigint;
  readonly fetched: number;
  readonly bytes: number;
  /** Tiles and bundles already in the mirror. */
  readonly kept: number;
}

const TIMEOUT_MS = 30_000;

/**
 * The most bytes a resource can hold: an entry bundle of 256 entries of at most 65,535 bytes each
 * with their 2-byte lengths; hash tiles (8 KiB), checkpoints and keys are far smaller. A server
 * sending more is refused before it can fill the observer's memory.
 */
export const MAX_RESOURCE_BYTES = 256 * (2 + 65_535);

/** GET `<base>/ledger/<path>` as bytes; a failure is a CliError naming the URL. */
export async function fetchLedger(base: string, path: string): Promise<Uint8Array> {
  const url = `${base}/ledger/${path}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" });
  } catch (e) {
    throw new CliError(`could not download ${url}: ${(e as Error).cause ?? (e as Error).message}`);
  }
  if (!res.ok) throw new CliError(`could not download ${url}: HTTP ${res.status}`);
  const tooLarge = () => new CliError(`could not download ${url}: more than ${MAX_RESOURCE_BYTES} bytes`);
  if (Number(res.headers.get("content-length") ?? 0) > MAX_RESOURCE_BYTES) throw tooLarge();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    size += chunk.value.length;
    if (size > MAX_RESOURCE_BYTES) {
      await reader?.cancel();
      throw tooLarge();
    }
    parts.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * Brings the mirror up to the log's latest checkpoint: every hash tile and entry bundle of that
 * tree that the mirror lacks. Full tiles never change (tlog-tiles), so a second run fetches only
 * the tiles the log grew by, plus the new partial ones at the right edge. The checkpoint is
 * written last, so a mirror's checkpoint always has its tiles. Nothing is trusted here: all of
 * it is verified afterwards, from the files.
 */
export async function downloadLedger(
  base: string,
  mirror: MirrorDirectory,
  onProgress: (done: number, total: number) => void,
  concurrency = 8,
): Promise<DownloadResult> {
  const note = new TextDecoder().decode(await fetchLedger(base, "checkpoint"));
  let size: bigint;
  try {
    size = parseCheckpoint(parseSignedNote(note).textBytes).size;
  } catch (e) {
    throw new CliError(`${base}/ledger/checkpoint is not a checkpoint: ${(e as Error).message}`);
  }
  const paths: string[] = [];
  for (const tile of tilesForTreeSize(size)) {
    paths.push(formatTilePath(tile));
    if (tile.level === 0) paths.push(formatEntryBundlePath(tile));
  }
  const missing: string[] = [];
  for (const p of paths) if (!(await mirror.has(p))) missing.push(p);
  let done = 0;
  let bytes = 0;
  onProgress(0, missing.length);
  await forEachLimited(missing, concurrency, async (p) => {
    const data = await fetchLedger(base, p);
    bytes += data.length;
    await mirror.write(p, data);
    onProgress(++done, missing.length);
  });
  await mirror.write("checkpoint", note);
  return { size, fetched: missing.length, bytes, kept: paths.length - missing.length };
}
