import { createHmac, randomBytes } from "node:crypto";
import type { DbOrTx } from "../../db/client";
import { getOrCreateSetting } from "../settings/get-or-create-setting";

const KEY_SETTING = "census_code_key";
const keys = new WeakMap<object, Promise<Buffer>>();

/**
 * The stored form of an invitation code: HMAC-SHA-256 of its canonical form (core/census
 * normalizeInvitationCode) under a 32-byte key generated once and kept in instance_settings, so
 * every instance agrees on it. Codes already carry 80 random bits, so even an unkeyed hash could
 * not be searched; the key makes a leaked copy of census_invitation_codes alone useless too.
 * Lookups need one deterministic value per code, hence a keyed hash rather than per-row salts.
 */
export async function hashInvitationCode(db: DbOrTx, canonicalCode: string): Promise<Uint8Array> {
  let key = keys.get(db);
  if (!key) {
    key = getOrCreateSetting(db, KEY_SETTING, () => randomBytes(32).toString("base64url")).then((v) =>
      Buffer.from(v, "base64url"),
    );
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  const mac = createHmac("sha256", await key)
    .update(canonicalCode, "utf8")
    .digest();
  return new Uint8Array(mac.buffer, mac.byteOffset, mac.byteLength);
}
