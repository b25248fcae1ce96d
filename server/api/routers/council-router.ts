import { z } from "zod";
import { publicUrl } from "../../env";
import { getMailTexts } from "../../i18n/get-mail-texts";
import { resolveAuthSecret } from "../../services/auth/resolve-auth-secret";
import { getDashboard } from "../../services/council/get-dashboard";
import { inviteCouncilMember, ZInviteCouncilMemberInput } from "../../services/council/invite-council-member";
import { listCouncils } from "../../services/council/list-councils";
import { removeCouncilMember, ZRemoveCouncilMemberInput } from "../../services/council/remove-council-member";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const councilRouter = createTRPCRouter({
  dashboard: publicProcedure
    .input(z.void())
    .output(
      z.object({
        email: z.string(),
        isPlatformAdmin: z.boolean(),
        councils: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
      }),
    )
    .query(({ ctx }) => getDashboard(ctx.db, ctx.actor)),

  listAll: publicProcedure
    .input(z.void())
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          slug: z.string(),
          name: z.string(),
          members: z.array(z.object({ userId: z.string(), name: z.string().nullable(), email: z.string() })),
        }),
      ),
    )
    .query(({ ctx }) => listCouncils(ctx.db, ctx.actor)),

  invite: publicProcedure
    .input(ZInviteCouncilMemberInput)
    .output(z.object({ userId: z.string(), districtId: z.uuid(), delivered: z.enum(["smtp", "outbox"]) }))
    .mutation(async ({ ctx, input }) =>
      inviteCouncilMember(ctx.db, ctx.actor, input, {
        secret: await resolveAuthSecret(ctx.db),
        baseUrl: publicUrl(),
        mail: (await getMailTexts(ctx.locale)).invitation,
      }),
    ),

  remove: publicProcedure
    .input(ZRemoveCouncilMemberInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeCouncilMember(ctx.db, ctx.actor, input)),
});
