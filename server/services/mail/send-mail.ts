import type { DbOrTx } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import { env } from "../../env";
import { AppError } from "../../errors/app-error";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail over SMTP (SMTP_URL). With no SMTP configured (the embedded default) the message is
 * kept in the outbox table, shown on /dev/outbox, and printed on the console: never dropped.
 */
export async function sendMail(db: DbOrTx, mail: Mail): Promise<{ delivered: "smtp" | "outbox" }> {
  if (!env.SMTP_URL) {
    await db.insert(outboxMessages).values(mail);
    console.log(`[plaza] mail to ${mail.to} (no SMTP_URL; see /dev/outbox): ${mail.subject}\n${mail.text}\n`);
    return { delivered: "outbox" };
  }
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(env.SMTP_URL);
  try {
    const result = await transport.sendMail({ from: env.PLAZA_MAIL_FROM, ...mail });
    const failed = [...(result.rejected ?? []), ...(result.pending ?? [])];
    if (failed.length > 0) throw new Error(`rejected: ${failed.join(", ")}`);
  } catch (e) {
    console.error(`[plaza] SMTP delivery to ${mail.to} failed:`, e);
    throw new AppError("MAIL_FAILED", "The e-mail could not be sent. Please try again later.");
  } finally {
    transport.close();
  }
  return { delivered: "smtp" };
}
