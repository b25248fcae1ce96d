import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";

export interface WriteFileAtomicOptions {
  /**
   * Called after the temporary file is durable and before the rename. Tests throw from it to act
   * out a crash between the two steps; nothing else should need it.
   */
  readonly beforeRename?: (tmp: string, file: string) => void | Promise<void>;
}

/** Temporary files are "<name>.tmp-<pid>-<random>"; a crash may leave them behind. */
export const TEMP_FILE_MARKER = ".tmp-";

/**
 * Replaces `file` with `data` so that after a crash or power loss it holds either the old or the
 * new content, never a mix or nothing:
 *
 * 1. write a temporary file in the same directory (rename is only atomic within one filesystem)
 *    and fsync it, so its bytes are on disk before any name points at them;
 * 2. rename it over `file`, which POSIX makes atomic for anyone opening the name;
 * 3. fsync the directory, so the rename itself survives a power loss.
 *
 * Resolves only after step 3: a witness may then promise, by cosigning, that it will never accept
 * an older tree.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = path.dirname(file);
  const tmp = `${file}${TEMP_FILE_MARKER}${process.pid}-${randomBytes(4).toString("hex")}`;
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await options.beforeRename?.(tmp, file);
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (e) {
    // Some platforms (Windows) cannot open or fsync a directory; there the rename is as durable
    // as the filesystem makes it. Anything else is a real I/O error.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EACCES") throw e;
  } finally {
    await handle?.close();
  }
}
