import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth, { type DefaultSession } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { getDb } from "../db/get-db";
import { accounts, sessions, users, verificationTokens } from "../db/schema";
import { env } from "../env";
import { getMailTexts } from "../i18n/get-mail-texts";
import { requestLocale } from "../i18n/request-locale";
import { SIGN_IN_LINK_MAX_AGE_SECONDS } from "../services/auth/create-sign-in-link";
import { resolveAuthSecret } from "../services/auth/resolve-auth-secret";
import { sendMail } from "../services/mail/send-mail";

declare module "next-auth" {
  interface Session {
    user: { id: string; isPlatformAdmin: boolean } & DefaultSession["user"];
  }
}

/**
 * Auth.js v5: e-mail magic links only, sessions stored in the database (so they can be revoked).
 * Only people Plaza already knows (the administrator and invited council members) can sign in;
 * residents never sign in, they act anonymously. A request for an unknown address looks exactly
 * like a successful one, so the form does not reveal who has an account.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    secret: await resolveAuthSecret(db),
    trustHost: true,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: "database" },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/auth/error" },
    providers: [
      Nodemailer({
        // Unused when SMTP_URL is unset: sendMail then writes to the outbox and the console.
        server: env.SMTP_URL ?? "smtp://localhost:25",
        from: env.PLAZA_MAIL_FROM,
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        async sendVerificationRequest({ identifier, url, request }) {
          const texts = await getMailTexts(requestLocale(request.headers));
          const host = new URL(url).host;
          await sendMail(db, {
            to: identifier,
            subject: texts.signInSubject(host),
            text: texts.signInBody(url, host),
          });
        },
      }),
    ],
    callbacks: {
      async signIn({ user, email }) {
        if (!email?.verificationRequest) return true;
        const [known] = await db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, String(user.email ?? "").toLowerCase()));
        return known ? true : "/signin/check-email";
      },
      session({ session, user }) {
        const row = user as typeof user & { isPlatformAdmin?: boolean };
        session.user.id = row.id;
        session.user.isPlatformAdmin = row.isPlatformAdmin === true;
        return session;
      },
    },
  };
});
