import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../../db/client";
import { env } from "../../env";
import { getOrCreateSetting } from "../settings/get-or-create-setting";

/**
 * The Auth.js secret: AUTH_SECRET when configured, else one generated on first start and kept in
 * the database, so every instance sharing that database signs and checks tokens alike.
 */
export function resolveAuthSecret(db: DbOrTx): Promise<string> {
  if (env.AUTH_SECRET) return Promise.resolve(env.AUTH_SECRET);
  return getOrCreateSetting(db, "auth_secret", () => randomBytes(32).toString("base64url"));
}
