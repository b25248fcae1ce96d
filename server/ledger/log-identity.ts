import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  createNoteVerifier,
  formatVerifierKey,
  generateSignerKey,
  type NoteSigner,
  type NoteVerifier,
  parseSignerKey,
} from "@/core/note";
import type { DbOrTx } from "../db/client";
import { EnvError, env, publicUrl } from "../env";
import { getOrCreateSetting } from "../services/settings/get-or-create-setting";

export interface LogIdentity {
  origin: string;
  signer: NoteSigner;
  verifier: NoteVerifier;
  /** The verifier key string "<name>+<id>+<key>" observers pin (served at /ledger/vkey). */
  verifierKey: string;
}

/** "https://plaza.example.org/" → "plaza.example.org": a schema-less URL, as tlog-checkpoint suggests. */
export function defaultOrigin(): string {
  const url = new URL(publicUrl());
  return `${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * The ledger's signing identity. PLAZA_LOG_KEY wins. Otherwise a key is generated on first start,
 * named after the origin of that moment (so a later change of port or URL does not silently start
 * a different log): on the embedded default it is kept (mode 0600) in the data directory; with
 * DATABASE_URL it is kept in the database, so every instance signs as the same log. The origin is
 * the key's name unless PLAZA_LOG_ORIGIN says otherwise, and then they must agree.
 */
export async function loadLogIdentity(db: DbOrTx): Promise<LogIdentity> {
  let signerKey = env.PLAZA_LOG_KEY;
  if (!signerKey) {
    const origin = env.PLAZA_LOG_ORIGIN ?? defaultOrigin();
    signerKey = env.DATABASE_URL
      ? await getOrCreateSetting(db, "log_signer_key", () => generateSignerKey(origin).signerKey)
      : await loadOrCreateKeyFile(path.join(env.PLAZA_DATA_DIR, "log-signer.key"), origin);
  }
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(signerKey.trim());
  } catch (e) {
    throw new EnvError(`Invalid environment variable PLAZA_LOG_KEY: ${(e as Error).message}`);
  }
  const origin = env.PLAZA_LOG_ORIGIN ?? signer.name;
  if (origin !== signer.name) {
    throw new EnvError(
      `Invalid environment variable PLAZA_LOG_ORIGIN: "${origin}" differs from the log key's name "${signer.name}"`,
    );
  }
  return {
    origin,
    signer,
    verifier: createNoteVerifier(signer.name, signer.type, signer.publicKey),
    verifierKey: formatVerifierKey(signer.name, signer.type, signer.publicKey),
  };
}

async function loadOrCreateKeyFile(file: string, origin: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const { signerKey } = generateSignerKey(origin);
  // Write-then-rename: a crash never leaves a half-written key behind.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${signerKey}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
  return signerKey;
}
