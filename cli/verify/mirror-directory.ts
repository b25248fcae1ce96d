import { access, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { LedgerSource } from "../../core/verify";
import { writeFileAtomic } from "../write-file-atomic";

/**
 * A local mirror of a Plaza ledger. It is laid out exactly as c2sp.org/tlog-tiles serves a log
 * ("checkpoint", "tile/<L>/<N>[.p/<W>]", "tile/entries/<N>[.p/<W>]"), so any static file server
 * can serve it on as a log of its own and any tlog tool can read it. The observer's own state sits
 * beside it in ".plaza-verify/": the pinned verifier key and the last checkpoint that verified.
 */
/** The observer's own files: the pinned key, the last verified checkpoint, a rejected one. */
export type TStateFile = "verifier-key" | "verified-checkpoint" | "rejected-checkpoint";

export class MirrorDirectory implements LedgerSource {
  constructor(readonly dir: string) {}

  #path(relative: string): string {
    return path.join(this.dir, ...relative.split("/"));
  }

  async checkpoint(): Promise<string> {
    return readFile(this.#path("checkpoint"), "utf8");
  }

  async tile(relative: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.#path(relative)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${relative} is not in the mirror`);
      throw e;
    }
  }

  async has(relative: string): Promise<boolean> {
    try {
      await access(this.#path(relative));
      return true;
    } catch {
      return false;
    }
  }

  /** Writes a tile, bundle or the checkpoint; atomic, so an interrupted run leaves no torn file. */
  async write(relative: string, data: string | Uint8Array): Promise<void> {
    const file = this.#path(relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, data);
  }

  async readState(name: TStateFile): Promise<string | undefined> {
    try {
      return await readFile(this.#path(`.plaza-verify/${name}`), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  writeState(name: TStateFile, text: string): Promise<void> {
    return this.write(`.plaza-verify/${name}`, text);
  }
}
