import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { councilMembers, districts, users } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { type Actor, requirePlatformAdmin } from "../auth/actor";
import { createSignInLink } from "../auth/create-sign-in-link";
import { sendMail } from "../mail/send-mail";

export const ZInviteCouncilMemberInput = z.object({
  districtId: z.uuid(),
  email: z.email().transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1).max(120),
});
export type TInviteCouncilMemberInput = z.input<typeof ZInviteCouncilMemberInput>;

export interface InvitationMail {
  subject: (v: { district: string }) => string;
  body: (v: { district: string; name: string; url: string }) => string;
}

/**
 * The platform administrator adds someone to a district's council. The person's account is
 * created if needed and they receive a one-time sign-in link (the same Auth.js magic link a
 * sign-in would send) that leads to their dashboard. Membership and mail go in one transaction:
 * if the mail cannot be sent, nobody is added.
 */
export async function inviteCouncilMember(
  db: Db,
  actor: Actor,
  input: TInviteCouncilMemberInput,
  options: { secret: string; baseUrl: string; mail: InvitationMail },
) {
  const admin = requirePlatformAdmin(actor);
  const data = ZInviteCouncilMemberInput.parse(input);
  return db.transaction(async (tx) => {
    const [district] = await tx.select().from(districts).where(eq(districts.id, data.districtId));
    if (!district) throw new AppError("NOT_FOUND", "That district does not exist.");
    await tx
      .insert(users)
      .values({ email: data.email, name: data.name })
      .onConflictDoNothing({ target: users.email });
    const [user] = await tx.select().from(users).where(eq(users.email, data.email));
    if (!user) throw new Error("invited user vanished after insert");
    const [added] = await tx
      .insert(councilMembers)
      .values({ districtId: district.id, userId: user.id, invitedBy: admin.userId })
      .onConflictDoNothing()
      .returning();
    if (!added)
      throw new AppError(
        "ALREADY_COUNCIL_MEMBER",
        `${data.email} is already on the council of ${district.name}.`,
      );
    const link = await createSignInLink(tx, {
      email: data.email,
      secret: options.secret,
      baseUrl: options.baseUrl,
      callbackPath: "/dashboard",
    });
    const delivered = await sendMail(tx, {
      to: data.email,
      subject: options.mail.subject({ district: district.name }),
      text: options.mail.body({ district: district.name, name: user.name ?? data.name, url: link.url }),
    });
    return { userId: user.id, districtId: district.id, delivered: delivered.delivered };
  });
}
