import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { parseVerifierKey, SIGNATURE_TYPE_COSIGNATURE_V1 } from "../core/note";

/**
 * The only reader of `process.env` in Plaza. Every variable is validated once; a wrong value
 * stops the start with a single line naming the variable (see `formatEnvError`), never a stack.
 */
export class EnvError extends Error {
  override name = "EnvError";
}

const ZBoolean = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A witness the log asks for cosignatures (c2sp.org/tlog-witness). */
export interface TWitnessEndpoint {
  /** The witness's key name: its name in cosignature lines and in ledger_cosignatures. */
  readonly name: string;
  /** "<name>+<id>+<base64(0x04 || Ed25519 public key)>", a cosignature/v1 key. */
  readonly verifierKey: string;
  /** The submission prefix, without a trailing slash: requests go to <url>/add-checkpoint. */
  readonly url: string;
}

/**
 * PLAZA_WITNESSES: entries "<witness verifier key>@<base URL>" separated by commas or whitespace.
 * The key must be a cosignature/v1 key (type 0x04), since that is what the log verifies returned
 * lines against, and names must be distinct: a checkpoint keeps one cosignature per witness name.
 */
export const ZWitnesses = z.string().transform((value, ctx): TWitnessEndpoint[] => {
  const witnesses: TWitnessEndpoint[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    // Base64 and hex have no "@": the separator is the first "@" after the key's second "+".
    const plus = entry.indexOf("+", entry.indexOf("+") + 1);
    const at = plus < 0 ? -1 : entry.indexOf("@", plus);
    const problem = (message: string) => {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(entry)}: ${message}` });
      return z.NEVER;
    };
    if (at < 0) return problem("expected <witness verifier key>@<URL>");
    const verifierKey = entry.slice(0, at);
    let name: string;
    try {
      const verifier = parseVerifierKey(verifierKey);
      if (verifier.type !== SIGNATURE_TYPE_COSIGNATURE_V1) return problem("not a witness key (type 0x04)");
      name = verifier.name;
    } catch (e) {
      return problem((e as Error).message);
    }
    let url: URL;
    try {
      url = new URL(entry.slice(at + 1));
    } catch {
      return problem("the URL is not valid");
    }
    if (!/^https?:$/.test(url.protocol) || url.search || url.hash) {
      return problem("the URL must be http(s) without query or fragment");
    }
    if (witnesses.some((w) => w.name === name)) return problem(`a second witness named ${name}`);
    witnesses.push({ name, verifierKey, url: url.href.replace(/\/+$/, "") });
  }
  return witnesses;
});

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    /** Where the embedded PGlite database (and other local state) lives when DATABASE_URL is unset. */
    PLAZA_DATA_DIR: z.string().min(1).default("./.plaza"),
    /** A PostgreSQL server; when set, PGlite is not used and several instances may share it. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    /** The public URL of this deployment, used in e-mails, printed links and the log origin. */
    PLAZA_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Auth.js secret. When unset, one is generated once and kept in the database. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** SMTP server for mail, e.g. smtp://user:pass@host:587. Unset: mail goes to the console and the dev outbox. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    PLAZA_MAIL_FROM: z.string().min(3).default("Plaza <no-reply@plaza.local>"),
    /** The platform administrator's e-mail address (created on first start). */
    PLAZA_ADMIN_EMAIL: z.email().default("admin@plaza.local"),
    /** Seed the demo city on first start. */
    PLAZA_SEED_DEMO: ZBoolean.default(true),
    /** Show hidden proposals and comments (under their reason) for audit; false withholds them. */
    PLAZA_MODERATION_AUDIT: ZBoolean.default(true),
    /** The ledger's origin line (c2sp.org/tlog-checkpoint). Default: the generated key's name. */
    PLAZA_LOG_ORIGIN: z
      .string()
      .regex(/^[^\s+]+$/, "must be a single token without spaces or '+' (e.g. plaza.example.org/ledger)")
      .max(200)
      .optional(),
    /** The ledger's signer key, "PRIVATE+KEY+<origin>+<id>+<key>". Generated into the data directory when unset. */
    PLAZA_LOG_KEY: z
      .string()
      .startsWith("PRIVATE+KEY+", "must be a note signer key (PRIVATE+KEY+…)")
      .optional(),
    /** Seconds between checkpoint signings, at most one per interval and only when the tree grew. */
    PLAZA_CHECKPOINT_INTERVAL: z.coerce.number().min(0.05).max(3600).default(1),
    /** Witnesses that cosign each checkpoint: "<witness verifier key>@<URL>", comma- or space-separated. */
    PLAZA_WITNESSES: ZWitnesses.default([]),
    /**
     * Benchmark / diagnostic: how the vote endpoint checks proofs. `pool` (default): batches on
     * worker threads, off the event loop. `stock`: Semaphore's verifyProof, one vote at a time on
     * the server's main thread (the reference of `npm run bench`).
     */
    PLAZA_VOTE_VERIFIER: z.enum(["pool", "stock"]).default("pool"),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const first = issues[0];
    const name = first?.path?.map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".");
    throw new EnvError(`Invalid environment variable ${name ?? "(unknown)"}: ${first?.message ?? "invalid"}`);
  },
});

export function publicUrl(): string {
  return (env.PLAZA_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** The outbox page and console mail exist only while no real SMTP server is configured. */
export function outboxEnabled(): boolean {
  return env.SMTP_URL === undefined;
}
