import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  type NoteSigner,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
} from "../../core/note";
import { CliError, usageError } from "../cli-error";
import type { WitnessLog } from "./add-checkpoint";

export const DEFAULT_LISTEN = "127.0.0.1:7380";

/** The witness's configuration file (--config), every field optional; flags win over it. */
export const ZWitnessConfigFile = z.strictObject({
  /** Path of the signer key file, relative to the configuration file. */
  key: z.string().min(1).optional(),
  /** "host:port". */
  listen: z.string().min(1).optional(),
  /** Path of the state directory, relative to the configuration file. */
  stateDir: z.string().min(1).optional(),
  logs: z
    .array(
      z.strictObject({
        /** The log's verifier key, "<name>+<id>+<base64(0x01 || public key)>". */
        key: z.string().min(1),
        /** The checkpoints' origin line, when it is not the key name. */
        origin: z.string().min(1).optional(),
      }),
    )
    .optional(),
});
export type TWitnessConfigFile = z.infer<typeof ZWitnessConfigFile>;

/** Flag values as `plaza witness` parsed them. */
export interface WitnessFlags {
  readonly config?: string;
  readonly key?: string;
  readonly log?: readonly string[];
  readonly origin?: readonly string[];
  readonly listen?: string;
  readonly "state-dir"?: string;
}

export interface WitnessConfig {
  readonly signer: NoteSigner;
  readonly logs: readonly WitnessLog[];
  readonly host: string;
  readonly port: number;
  readonly stateDir: string;
  /** Warnings for the operator (e.g. a key file others can read). */
  readonly warnings: readonly string[];
}

/**
 * Builds the witness configuration from flags and an optional JSON file. Each log is a verifier
 * key plus the origin it signs for (the key name unless mapped with --origin <key name>=<origin>
 * or "origin" in the file); several keys for one origin are all trusted, which lets a log rotate
 * its key. Throws CliError naming what is wrong.
 */
export async function loadWitnessConfig(flags: WitnessFlags): Promise<WitnessConfig> {
  let file: TWitnessConfigFile = {};
  let base = process.cwd();
  if (flags.config !== undefined) {
    base = path.dirname(path.resolve(flags.config));
    let text: string;
    try {
      text = await readFile(flags.config, "utf8");
    } catch (e) {
      throw new CliError(`witness: cannot read the configuration ${flags.config}: ${(e as Error).message}`);
    }
    try {
      file = ZWitnessConfigFile.parse(JSON.parse(text));
    } catch (e) {
      const detail =
        e instanceof z.ZodError
          ? `${e.issues[0]?.path.join(".") || "(root)"}: ${e.issues[0]?.message}`
          : (e as Error).message;
      throw new CliError(`witness: invalid configuration ${flags.config}: ${detail}`);
    }
  }

  const keyFile = flags.key ?? (file.key === undefined ? undefined : path.resolve(base, file.key));
  if (keyFile === undefined)
    throw usageError("witness: --key <file> is required (make one with plaza keygen --witness)");
  const stateDir =
    flags["state-dir"] ?? (file.stateDir === undefined ? undefined : path.resolve(base, file.stateDir));
  if (stateDir === undefined) throw usageError("witness: --state-dir <dir> is required");
  const { host, port } = parseListen(flags.listen ?? file.listen ?? DEFAULT_LISTEN);

  const warnings: string[] = [];
  const signer = await loadSignerKey(keyFile, warnings);
  const logs = buildLogs(
    [...(file.logs ?? []), ...(flags.log ?? []).map((key) => ({ key, origin: undefined }))],
    flags.origin ?? [],
  );
  return { signer, logs, host, port, stateDir, warnings };
}

/** "host:port", "[v6 address]:port", ":port" (every interface) or "port" (127.0.0.1). */
export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]:|([^:[\]]*):)?([0-9]{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || port > 65_535)
    throw usageError(`witness: --listen must be host:port, got ${JSON.stringify(listen)}`);
  const host = match[1] ?? (match[2] === undefined ? "127.0.0.1" : match[2] === "" ? "0.0.0.0" : match[2]);
  return { host, port };
}

async function loadSignerKey(file: string, warnings: string[]): Promise<NoteSigner> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new CliError(`witness: cannot read the key file ${file}: ${(e as Error).message}`);
  }
  // The file may also hold the verifier key line that plaza keygen prints after the signer key.
  const line = text.split(/\r?\n/).find((l) => l.startsWith("PRIVATE+KEY+"));
  if (line === undefined) throw new CliError(`witness: ${file} holds no signer key (PRIVATE+KEY+...)`);
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(line.trim());
  } catch (e) {
    throw new CliError(`witness: invalid signer key in ${file}: ${(e as Error).message}`);
  }
  if (signer.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    // A log key (0x01) would sign plain note signatures, which clients would not accept as
    // cosignatures (c2sp.org/tlog-cosignature requires the timestamped cosignature/v1 format).
    throw new CliError(
      `witness: ${file} is not a witness key (type 0x04); make one with plaza keygen --witness`,
    );
  }
  if (process.platform !== "win32" && ((await stat(file)).mode & 0o077) !== 0) {
    warnings.push(`the witness key file ${file} is readable by other users; chmod 600 it`);
  }
  return signer;
}

function buildLogs(
  entries: readonly { key: string; origin?: string }[],
  mappings: readonly string[],
): WitnessLog[] {
  const originByName = new Map<string, string>();
  for (const mapping of mappings) {
    const eq = mapping.indexOf("=");
    if (eq <= 0 || eq === mapping.length - 1) {
      throw usageError(`witness: --origin must be <key name>=<origin>, got ${JSON.stringify(mapping)}`);
    }
    originByName.set(mapping.slice(0, eq), mapping.slice(eq + 1));
  }
  if (entries.length === 0) throw usageError("witness: at least one --log <verifier key> is required");

  const byOrigin = new Map<string, NoteVerifier[]>();
  const usedNames = new Set<string>();
  for (const entry of entries) {
    let verifier: NoteVerifier;
    try {
      verifier = parseVerifierKey(entry.key.trim());
    } catch (e) {
      throw new CliError(
        `witness: invalid log verifier key ${JSON.stringify(entry.key)}: ${(e as Error).message}`,
      );
    }
    if (verifier.type !== SIGNATURE_TYPE_ED25519) {
      throw new CliError(`witness: log key ${verifier.name} must be an Ed25519 note key (type 0x01)`);
    }
    usedNames.add(verifier.name);
    const origin = entry.origin ?? originByName.get(verifier.name) ?? verifier.name;
    if (origin.includes("\n") || origin.trim() !== origin) {
      throw new CliError(`witness: invalid origin ${JSON.stringify(origin)}`);
    }
    const list = byOrigin.get(origin) ?? [];
    // openNote refuses two verifiers with one (name, key ID): keep a repeated key once.
    if (!list.some((v) => v.name === verifier.name && v.keyId === verifier.keyId)) list.push(verifier);
    byOrigin.set(origin, list);
  }
  for (const name of originByName.keys()) {
    if (!usedNames.has(name)) throw usageError(`witness: --origin names ${name}, which is not a --log key`);
  }
  return [...byOrigin].map(([origin, verifiers]) => ({ origin, verifiers }));
}
