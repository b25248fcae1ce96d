import { z } from "zod";
import { ZBallotMethod } from "@/core/entries";
import { getPollResults, type PollResults, ZPollResultsInput } from "../../services/polls/get-poll-results";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Ledger indices travel as decimal strings (they are 64-bit), as in the poll router. */
const ZIndex = z.string().regex(/^(0|[1-9][0-9]*)$/);

const base = {
  pollId: z.uuid(),
  districtId: z.uuid(),
  title: z.string(),
  options: z.array(z.string()),
  method: ZBallotMethod,
  opensAt: z.date(),
  closesAt: z.date(),
  openedEntry: ZIndex,
  /** The participatory process whose ballot this is (its page links back to it), or null. */
  processId: z.uuid().nullable(),
};

export const ZPollResults = z.discriminatedUnion("status", [
  z.object({
    ...base,
    status: z.literal("open"),
    votesReceived: z.number().int(),
    voters: z.number().int(),
  }),
  z.object({
    ...base,
    status: z.literal("closed"),
    counts: z.array(z.number().int()),
    turnout: z.number().int(),
    censusSize: z.number().int(),
    ledgerSize: z.number().int(),
    closedAt: z.string(),
    closedEntry: ZIndex,
    counted: z.array(ZIndex),
    superseded: z.array(z.object({ index: ZIndex, replacedBy: ZIndex })),
    /** Ranked polls: the instant-runoff rounds (`counts` are then the first preferences) and winner. */
    rounds: z
      .array(
        z.object({
          counts: z.array(z.number().int()),
          exhausted: z.number().int(),
          eliminated: z.number().int().nullable(),
        }),
      )
      .optional(),
    winner: z.number().int().nullable().optional(),
    /** Budget polls: the funded projects in funding order, and what they cost together. */
    funded: z.array(z.number().int()).optional(),
    spent: z.number().int().optional(),
  }),
]);
export type TPollResults = z.infer<typeof ZPollResults>;

function toPublic(r: PollResults): TPollResults {
  if (r.status === "open") return { ...r, openedEntry: r.openedEntry.toString() };
  return {
    ...r,
    openedEntry: r.openedEntry.toString(),
    closedEntry: r.closedEntry.toString(),
    counted: r.counted.map((i) => i.toString()),
    superseded: r.superseded.map((s) => ({ index: s.index.toString(), replacedBy: s.replacedBy.toString() })),
  };
}

export const resultsRouter = createTRPCRouter({
  /** A poll's results (public): the tally of a closed poll, or how many ballots an open one has. */
  get: publicProcedure
    .input(ZPollResultsInput)
    .output(ZPollResults)
    .query(async ({ ctx, input }) => toPublic(await getPollResults(ctx.db, input))),
});
