import { z } from "zod";
import { publicUrl } from "../../env";
import {
  generateInvitationCodes,
  ZGenerateInvitationCodesInput,
} from "../../services/census/generate-invitation-codes";
import { getCensusSummary } from "../../services/census/get-census-summary";
import {
  listInvitationBatches,
  ZListInvitationBatchesInput,
} from "../../services/census/list-invitation-batches";
import { removeMember, ZRemoveMemberInput } from "../../services/census/remove-member";
import { ZDistrictSlug } from "../../services/districts/create-district";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const ZCensusSummary = z.object({
  districtId: z.uuid(),
  districtSlug: z.string(),
  districtName: z.string(),
  size: z.number().int(),
  activeMembers: z.number().int(),
  removedMembers: z.number().int(),
  root: z.string(),
  depth: z.number().int(),
  codesIssued: z.number().int(),
  codesUsed: z.number().int(),
  recentRemovals: z.array(
    z.object({ memberIndex: z.number().int(), reason: z.string(), removedAt: z.date() }),
  ),
});

/**
 * A batch of invitation codes, in plain text this one time: only their keyed hashes are stored, so
 * the page builds the CSV and the letter sheet from this answer and nothing can fetch them again.
 */
export const ZInvitationCodeBatch = z.object({
  districtId: z.uuid(),
  districtName: z.string(),
  batchId: z.uuid(),
  /** The address printed on the letters, where residents enter their code. */
  joinUrl: z.string(),
  codes: z.array(z.string()),
});

export const censusRouter = createTRPCRouter({
  /** A district's census in numbers (public, like the ledger it summarises). */
  summary: publicProcedure
    .input(z.object({ districtSlug: ZDistrictSlug }))
    .output(ZCensusSummary)
    .query(({ ctx, input }) => getCensusSummary(ctx.db, input.districtSlug)),

  /** The district's code batches with how many codes of each were used (council only). */
  batches: publicProcedure
    .input(ZListInvitationBatchesInput)
    .output(
      z.array(
        z.object({
          batchId: z.uuid(),
          createdAt: z.date(),
          issued: z.number().int(),
          used: z.number().int(),
        }),
      ),
    )
    .query(({ ctx, input }) => listInvitationBatches(ctx.db, ctx.actor, input)),

  /** A council member generates up to MAX_CODES_PER_BATCH one-time codes, returned this once. */
  generateCodes: publicProcedure
    .input(ZGenerateInvitationCodesInput)
    .output(ZInvitationCodeBatch)
    .mutation(async ({ ctx, input }) => {
      const batch = await generateInvitationCodes(ctx.db, ctx.actor, input);
      // The join page preselects the district named in the address.
      return { ...batch, joinUrl: `${publicUrl()}/join?district=${encodeURIComponent(batch.districtSlug)}` };
    }),

  /** A council member removes the member who joined with a code; the reason is public (ledger). */
  removeMember: publicProcedure
    .input(ZRemoveMemberInput)
    .output(
      z.object({
        districtId: z.uuid(),
        memberIndex: z.number().int(),
        root: z.string(),
        size: z.number().int(),
        depth: z.number().int(),
        /** Index of the member_removed ledger entry, decimal (64-bit). */
        ledgerIndex: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await removeMember(ctx.db, ctx.actor, input);
      return { ...r, ledgerIndex: r.ledgerIndex.toString() };
    }),
});
