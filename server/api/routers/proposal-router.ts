import { z } from "zod";
import { RESPONSE_STATUSES } from "@/core/processes/process-rules";
import { env } from "../../env";
import { moderateContent, ZModerateInput } from "../../services/participation/moderate-content";
import { postCouncilComment, ZCouncilCommentInput } from "../../services/participation/post-comment";
import { getProposal, listProposals } from "../../services/participation/read-participation";
import { respondToProposal, ZRespondInput } from "../../services/participation/respond-to-proposal";
import { publishCouncilProposal, ZCouncilProposalInput } from "../../services/participation/submit-proposal";
import { createTRPCRouter, publicProcedure } from "../trpc";

const ZAuthor = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("council"), name: z.string() }),
  z.object({ kind: z.literal("anonymous") }),
]);

/** A proposal as the public sees it (title and body are null when hidden and audit is off). */
export const ZPublicProposal = z.object({
  id: z.uuid(),
  processId: z.uuid(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  category: z.string().nullable(),
  costEstimate: z.number().nullable(),
  location: z.string().nullable(),
  author: ZAuthor,
  entryIndex: z.string(),
  supportCount: z.number(),
  advancedEntry: z.string().nullable(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  moderationEntry: z.string().nullable(),
  comments: z.number(),
  status: z.enum(RESPONSE_STATUSES).nullable(),
  overdue: z.boolean(),
  answeredLate: z.boolean(),
});
export type TPublicProposalOut = z.infer<typeof ZPublicProposal>;

const ZPublicComment = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  body: z.string().nullable(),
  author: ZAuthor,
  entryIndex: z.string(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  moderationEntry: z.string().nullable(),
});

const ZIndex = z.object({ index: z.string() });
const options = () => ({ audit: env.PLAZA_MODERATION_AUDIT });

export const proposalRouter = createTRPCRouter({
  /** A process's proposals with supports, status and its ballot (public). */
  list: publicProcedure
    .input(z.object({ processId: z.uuid() }))
    .output(
      z.object({
        proposals: z.array(ZPublicProposal),
        ballot: z
          .object({
            pollId: z.uuid(),
            status: z.enum(["scheduled", "open", "closed"]),
            closedEntry: z.string().nullable(),
          })
          .nullable(),
        overdueEntry: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listProposals(ctx.db, input.processId, options())),

  /** One proposal with the council's responses and the comment threads (public). */
  get: publicProcedure
    .input(z.object({ proposalId: z.uuid() }))
    .output(
      z.object({
        process: z.object({
          id: z.uuid(),
          districtId: z.uuid(),
          title: z.string(),
          rules: z.any(),
          phase: z.string().nullable(),
        }),
        proposal: ZPublicProposal,
        responses: z.array(
          z.object({
            status: z.enum(RESPONSE_STATUSES),
            body: z.string(),
            authorName: z.string(),
            entryIndex: z.string(),
            createdAt: z.date(),
          }),
        ),
        comments: z.array(ZPublicComment.extend({ replies: z.array(ZPublicComment) })),
      }),
    )
    .query(({ ctx, input }) => getProposal(ctx.db, input.proposalId, options())),

  /** A council member publishes an attributed proposal during the proposal phase. */
  publish: publicProcedure
    .input(ZCouncilProposalInput)
    .output(z.object({ proposalId: z.uuid(), index: z.string() }))
    .mutation(({ ctx, input }) => publishCouncilProposal(ctx.db, ctx.actor, input)),

  /** A council member comments or replies, attributed. */
  comment: publicProcedure
    .input(ZCouncilCommentInput)
    .output(z.object({ commentId: z.uuid(), index: z.string() }))
    .mutation(({ ctx, input }) => postCouncilComment(ctx.db, ctx.actor, input)),

  /** The council answers a proposal or updates its implementation. */
  respond: publicProcedure
    .input(ZRespondInput)
    .output(ZIndex)
    .mutation(({ ctx, input }) => respondToProposal(ctx.db, ctx.actor, input)),

  /** A council member hides or restores a proposal or comment, with a public reason. */
  moderate: publicProcedure
    .input(ZModerateInput)
    .output(ZIndex)
    .mutation(({ ctx, input }) => moderateContent(ctx.db, ctx.actor, input)),
});
