import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../../db/client";
import { verificationTokens } from "../../db/schema";

export const SIGN_IN_LINK_MAX_AGE_SECONDS = 24 * 60 * 60;

/**
 * Creates a one-time Auth.js magic link for `email`, exactly as Auth.js's own e-mail provider does
 * (token stored as sha256(token + secret), consumed by /api/auth/callback/nodemailer), so links
 * we mint (the administrator's first-start link, council invitations) go through the same code.
 */
export async function createSignInLink(
  db: DbOrTx,
  options: { email: string; secret: string; baseUrl: string; callbackPath: string; now?: Date },
): Promise<{ url: string; expires: Date }> {
  const token = randomBytes(32).toString("hex");
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + SIGN_IN_LINK_MAX_AGE_SECONDS * 1000);
  await db.insert(verificationTokens).values({
    identifier: options.email,
    token: createHash("sha256").update(`${token}${options.secret}`).digest("hex"),
    expires,
  });
  const params = new URLSearchParams({
    callbackUrl: `${options.baseUrl}${options.callbackPath}`,
    token,
    email: options.email,
  });
  return { url: `${options.baseUrl}/api/auth/callback/nodemailer?${params}`, expires };
}
