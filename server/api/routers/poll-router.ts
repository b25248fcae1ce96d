import { z } from "zod";
import { ZBallotMethod } from "@/core/entries";
import { ZDistrictSlug } from "../../services/districts/create-district";
import { getDistrict } from "../../services/districts/get-district";
import { createPoll, ZCreatePollInput } from "../../services/polls/create-poll";
import { getPoll, listPolls } from "../../services/polls/list-polls";
import { updatePoll, ZUpdatePollInput } from "../../services/polls/update-poll";
import { artifactUrl } from "../../services/zk/read-artifact";
import { createTRPCRouter, publicProcedure } from "../trpc";

/**
 * A poll as the public sees it. Ledger indices travel as decimal strings (they are 64-bit); the
 * scope, frozen root, depth and census size are null until the poll opens. The method is any
 * ballot method: the council schedules single and approval polls, and a participatory process
 * opens its ballot as a ranked or budget poll (`processId` names that process, null otherwise).
 */
export const ZPublicPoll = z.object({
  id: z.uuid(),
  districtId: z.uuid(),
  title: z.string(),
  description: z.string(),
  options: z.array(z.string()),
  method: ZBallotMethod,
  opensAt: z.date(),
  closesAt: z.date(),
  minAnonymitySet: z.number().int(),
  status: z.enum(["scheduled", "open", "closed"]),
  scope: z.string().nullable(),
  frozenRoot: z.string().nullable(),
  depth: z.number().int().nullable(),
  censusSize: z.number().int().nullable(),
  openedEntry: z.string().nullable(),
  closedEntry: z.string().nullable(),
  processId: z.uuid().nullable(),
});
export type TPublicPoll = z.infer<typeof ZPublicPoll>;

function toPublic(row: Awaited<ReturnType<typeof getPoll>>): TPublicPoll {
  return {
    id: row.id,
    districtId: row.districtId,
    title: row.title,
    description: row.description,
    options: row.options,
    method: row.method,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    minAnonymitySet: row.minAnonymitySet,
    status: row.status,
    scope: row.scope,
    frozenRoot: row.frozenRoot,
    depth: row.depth,
    censusSize: row.censusSize,
    openedEntry: row.openedEntry === null ? null : row.openedEntry.toString(),
    closedEntry: row.closedEntry === null ? null : row.closedEntry.toString(),
    processId: row.processId,
  };
}

export const pollRouter = createTRPCRouter({
  /** A district's polls, soonest first (public). */
  list: publicProcedure
    .input(z.object({ districtSlug: ZDistrictSlug }))
    .output(z.array(ZPublicPoll))
    .query(async ({ ctx, input }) => {
      const district = await getDistrict(ctx.db, input.districtSlug);
      return (await listPolls(ctx.db, district.id)).map(toPublic);
    }),

  /** One poll (public). */
  get: publicProcedure
    .input(z.object({ pollId: z.uuid() }))
    .output(ZPublicPoll)
    .query(async ({ ctx, input }) => toPublic(await getPoll(ctx.db, input.pollId))),

  /**
   * Where the browser downloads the Semaphore proving artifacts of a tree depth: content-addressed,
   * immutable URLs from the committed manifest (public; the same for every poll of that depth).
   */
  artifacts: publicProcedure
    .input(z.object({ depth: z.number().int().min(1).max(32) }))
    .output(z.object({ wasm: z.string(), zkey: z.string() }))
    .query(async ({ input }) => ({
      wasm: await artifactUrl(input.depth, "wasm"),
      zkey: await artifactUrl(input.depth, "zkey"),
    })),

  /** A council member schedules a poll in their district. */
  create: publicProcedure
    .input(ZCreatePollInput)
    .output(ZPublicPoll)
    .mutation(async ({ ctx, input }) => toPublic(await createPoll(ctx.db, ctx.actor, input))),

  /** A council member edits a poll that has not opened yet (POLL_LOCKED afterwards). */
  update: publicProcedure
    .input(ZUpdatePollInput)
    .output(ZPublicPoll)
    .mutation(async ({ ctx, input }) => toPublic(await updatePoll(ctx.db, ctx.actor, input))),
});
