import { createHash } from "node:crypto";
import { mkdir, open, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { parseCheckpoint } from "../../core/checkpoint";
import { decodeBase64, encodeBase64 } from "../../core/encoding";
import { parseSignedNote } from "../../core/note";
import { TEMP_FILE_MARKER, type WriteFileAtomicOptions, writeFileAtomic } from "../write-file-atomic";

/**
 * What a witness remembers about one log (c2sp.org/tlog-witness: "the witness is only required to
 * keep track of the latest checkpoint it observed and verified"): the size and root hash of the
 * latest checkpoint it cosigned, which every later checkpoint must extend.
 */
export interface WitnessLogState {
  readonly origin: string;
  readonly size: bigint;
  readonly rootHash: Uint8Array;
  /** That checkpoint as the log sent it, signatures included: the log's own signed statement. */
  readonly checkpoint: string;
  /** POSIX seconds of the latest cosignature on it. */
  readonly cosignedAt: bigint;
}

export interface WitnessStateStore {
  readonly dir: string;
  /** The latest cosigned state of `origin`, or undefined if the witness never cosigned for it. */
  get(origin: string): WitnessLogState | undefined;
  /** Durably replaces the state of `state.origin`; only then does `get` return it. */
  put(state: WitnessLogState): Promise<void>;
  /**
   * Keeps a validly signed checkpoint the witness refused (fork, bad proof) under evidence/, named
   * by the hash of its text so a replayed request cannot fill the disk: only the log can sign new
   * texts. Returns the file written, or null if that text was already kept.
   */
  saveEvidence(origin: string, text: Uint8Array, request: string): Promise<string | null>;
  close(): Promise<void>;
}

const STATE_FILE = /^log-[0-9a-f]{64}\.json$/;
const LOCK_FILE = "witness.lock";

const ZStateFile = z.object({
  version: z.literal(1),
  origin: z.string().min(1),
  size: z.string().regex(/^(0|[1-9][0-9]*)$/),
  rootHash: z.string(),
  checkpoint: z.string(),
  cosignedAt: z.string().regex(/^(0|[1-9][0-9]*)$/),
});

/** One file per origin, named by a hash: origins are URLs-ish and may contain "/" or be long. */
function stateFileName(origin: string): string {
  return `log-${createHash("sha256").update(origin, "utf8").digest("hex")}.json`;
}

/**
 * Opens (creating if needed) a witness state directory, loads every log state in it, and takes
 * the directory's lock file.
 *
 * A state file that cannot be read back exactly stops the witness from starting instead of being
 * treated as "no state": forgetting a log's size would let the witness cosign a rolled-back or
 * forked tree, the one thing it exists to refuse. Left-over temporary files from a crash between
 * write and rename are deleted: the rename never happened, so the old state is the true one.
 */
export async function openWitnessStateStore(
  dir: string,
  options: WriteFileAtomicOptions = {},
): Promise<WitnessStateStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await mkdir(path.join(dir, "evidence"), { recursive: true, mode: 0o700 });
  const releaseLock = await lockDirectory(dir);
  const states = new Map<string, WitnessLogState>();
  try {
    for (const name of await readdir(dir)) {
      if (name.includes(TEMP_FILE_MARKER)) {
        await rm(path.join(dir, name), { force: true });
        continue;
      }
      if (!STATE_FILE.test(name)) continue;
      const state = parseStateFile(path.join(dir, name), await readFile(path.join(dir, name), "utf8"));
      if (stateFileName(state.origin) !== name) {
        throw new Error(`witness state file ${path.join(dir, name)} holds another origin (${state.origin})`);
      }
      states.set(state.origin, state);
    }
  } catch (e) {
    await releaseLock();
    throw e;
  }

  return {
    dir,
    get: (origin) => states.get(origin),
    async put(state) {
      const file = path.join(dir, stateFileName(state.origin));
      await writeFileAtomic(file, formatStateFile(state), options);
      states.set(state.origin, state);
    },
    async saveEvidence(origin, text, request) {
      const digest = createHash("sha256").update(text).digest("hex");
      const file = path.join(dir, "evidence", `${stateFileName(origin).slice(0, -5)}-${digest}.txt`);
      try {
        const handle = await open(file, "wx", 0o600);
        try {
          await handle.writeFile(request, "utf8");
          await handle.sync();
        } finally {
          await handle.close();
        }
        return file;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") return null;
        throw e;
      }
    },
    close: releaseLock,
  };
}

function formatStateFile(state: WitnessLogState): string {
  return `${JSON.stringify(
    {
      version: 1,
      origin: state.origin,
      size: state.size.toString(10),
      rootHash: encodeBase64(state.rootHash),
      checkpoint: state.checkpoint,
      cosignedAt: state.cosignedAt.toString(10),
    },
    null,
    2,
  )}\n`;
}

/**
 * Reads a state file back and checks it against itself: the stored checkpoint must parse and
 * state the stored origin, size and root. Signatures are not re-verified, since the log may have
 * rotated its key since.
 */
function parseStateFile(file: string, text: string): WitnessLogState {
  try {
    const raw = ZStateFile.parse(JSON.parse(text));
    const rootHash = decodeBase64(raw.rootHash, "rootHash");
    const checkpoint = parseCheckpoint(parseSignedNote(raw.checkpoint).textBytes);
    const size = BigInt(raw.size);
    if (
      checkpoint.origin !== raw.origin ||
      checkpoint.size !== size ||
      encodeBase64(checkpoint.rootHash) !== raw.rootHash
    ) {
      throw new Error("the stored checkpoint does not match the stored origin, size and root hash");
    }
    return {
      origin: raw.origin,
      size,
      rootHash,
      checkpoint: raw.checkpoint,
      cosignedAt: BigInt(raw.cosignedAt),
    };
  } catch (e) {
    const detail = e instanceof z.ZodError ? (e.issues[0]?.message ?? "invalid") : (e as Error).message;
    throw new Error(
      `witness state file ${file} is damaged (${detail}); refusing to start rather than forget the log's size`,
    );
  }
}

/**
 * One witness process per state directory: two processes could each check the old size and then
 * both write, which is the rollback race c2sp.org/tlog-witness warns about. The lock file holds the
 * owner's pid; a lock whose process is gone (a crash) is taken over. Within one process, requests
 * for an origin are serialized by the server, so the same pid may reopen the directory (a restart
 * in tests).
 */
async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const pid = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(`witness state directory ${dir} is in use by process ${pid} (${file})`);
    }
    await rm(file, { force: true });
  }
  throw new Error(`cannot lock the witness state directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
