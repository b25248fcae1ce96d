import { decodeBase64 } from "../encoding/decode-base64";
import { encodeBase64 } from "../encoding/encode-base64";

/**
 * A resident's Semaphore identity, exported as a file they can keep and import on another device.
 * The secret never leaves the browser unencrypted: the file holds the identity's exported private
 * key (Identity.export()) sealed with AES-256-GCM under a key derived from a passphrase with
 * PBKDF2-HMAC-SHA-256 (600,000 iterations, OWASP's 2023 figure) and a random 16-byte salt. Web
 * Crypto only, so it runs the same in browsers and in Node. The header fields are bound to the
 * ciphertext as additional authenticated data, so none can be altered without detection.
 */
export const BACKUP_FORMAT = "plaza-identity-backup";
export const BACKUP_VERSION = 1;
export const BACKUP_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 10;

export interface IdentityBackup {
  format: typeof BACKUP_FORMAT;
  v: typeof BACKUP_VERSION;
  /** The district the identity is a member of, so the import knows where it belongs. */
  districtId: string;
  kdf: { name: "PBKDF2-SHA-256"; iterations: number; salt: string };
  cipher: { name: "AES-256-GCM"; iv: string; data: string };
}

export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    readonly code: "BAD_FILE" | "WRONG_PASSPHRASE" | "WEAK_PASSPHRASE",
    message: string,
  ) {
    super(message);
  }
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(passphrase.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function header(districtId: string, iterations: number, salt: string, iv: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify([BACKUP_FORMAT, BACKUP_VERSION, districtId, iterations, salt, iv]),
  );
}

/** Seals an exported identity (its base64 private key) for `districtId` under `passphrase`. */
export async function sealIdentityBackup(
  exportedIdentity: string,
  districtId: string,
  passphrase: string,
  iterations = BACKUP_ITERATIONS,
): Promise<IdentityBackup> {
  if (typeof exportedIdentity !== "string" || exportedIdentity.length === 0)
    throw new TypeError("exportedIdentity must be a non-empty string");
  if (typeof passphrase !== "string" || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError(
      "WEAK_PASSPHRASE",
      `The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    );
  }
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const saltB64 = encodeBase64(salt);
  const ivB64 = encodeBase64(iv);
  const key = await deriveKey(passphrase, salt, iterations);
  const data = await crypto.subtle.encrypt(
    {
      name: "AES-GCM",
      iv: iv as BufferSource,
      additionalData: header(districtId, iterations, saltB64, ivB64) as BufferSource,
    },
    key,
    new TextEncoder().encode(exportedIdentity),
  );
  return {
    format: BACKUP_FORMAT,
    v: BACKUP_VERSION,
    districtId,
    kdf: { name: "PBKDF2-SHA-256", iterations, salt: saltB64 },
    cipher: { name: "AES-256-GCM", iv: ivB64, data: encodeBase64(new Uint8Array(data)) },
  };
}

/**
 * Opens a backup file's text with the passphrase and returns the exported identity and its
 * district. A malformed file is BAD_FILE; a wrong passphrase (or any altered byte) is
 * WRONG_PASSPHRASE: AES-GCM cannot tell those two apart, and neither reveals anything.
 */
export async function openIdentityBackup(
  fileText: string,
  passphrase: string,
): Promise<{ exportedIdentity: string; districtId: string }> {
  let b: IdentityBackup;
  try {
    b = JSON.parse(fileText) as IdentityBackup;
  } catch {
    throw new BackupError("BAD_FILE", "This is not a Plaza identity backup file.");
  }
  const ok =
    b !== null &&
    typeof b === "object" &&
    b.format === BACKUP_FORMAT &&
    b.v === BACKUP_VERSION &&
    typeof b.districtId === "string" &&
    b.kdf?.name === "PBKDF2-SHA-256" &&
    Number.isSafeInteger(b.kdf.iterations) &&
    b.kdf.iterations >= 100_000 &&
    b.kdf.iterations <= 10_000_000 &&
    typeof b.kdf.salt === "string" &&
    b.cipher?.name === "AES-256-GCM" &&
    typeof b.cipher.iv === "string" &&
    typeof b.cipher.data === "string";
  if (!ok)
    throw new BackupError(
      "BAD_FILE",
      "This is not a Plaza identity backup file, or it is from a newer version.",
    );
  let salt: Uint8Array;
  let iv: Uint8Array;
  let data: Uint8Array;
  try {
    salt = decodeBase64(b.kdf.salt, "salt");
    iv = decodeBase64(b.cipher.iv, "iv");
    data = decodeBase64(b.cipher.data, "data");
  } catch {
    throw new BackupError("BAD_FILE", "The backup file is damaged.");
  }
  if (salt.length !== 16 || iv.length !== 12 || data.length < 17)
    throw new BackupError("BAD_FILE", "The backup file is damaged.");
  const key = await deriveKey(passphrase, salt, b.kdf.iterations);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: iv as BufferSource,
        additionalData: header(b.districtId, b.kdf.iterations, b.kdf.salt, b.cipher.iv) as BufferSource,
      },
      key,
      data as BufferSource,
    );
  } catch {
    throw new BackupError(
      "WRONG_PASSPHRASE",
      "The passphrase does not open this backup (or the file was altered).",
    );
  }
  return { exportedIdentity: new TextDecoder().decode(plain), districtId: b.districtId };
}
