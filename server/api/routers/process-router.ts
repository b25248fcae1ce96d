import { z } from "zod";
import { PROCESS_PHASES, ZProcessRules } from "@/core/processes/process-rules";
import { ZDistrictSlug } from "../../services/districts/create-district";
import { getDistrict } from "../../services/districts/get-district";
import { createProcess, ZCreateProcessInput } from "../../services/processes/create-process";
import { getProcess, listProcesses } from "../../services/processes/list-processes";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** A process as the public sees it; the ledger index travels as a decimal string. */
export const ZPublicProcess = z.object({
  id: z.uuid(),
  districtId: z.uuid(),
  title: z.string(),
  description: z.string(),
  rules: ZProcessRules,
  startedEntry: z.string(),
  /** The census its anonymous acts prove against, frozen at the start (null for none recorded). */
  census: z.object({ root: z.string(), depth: z.number(), size: z.number() }).nullable(),
  /** The phase the ledger last recorded (null before the first process_phase entry). */
  phase: z.enum(PROCESS_PHASES).nullable(),
  ballotPollId: z.uuid().nullable(),
  createdAt: z.date(),
});
export type TPublicProcess = z.infer<typeof ZPublicProcess>;

function toPublic(row: Awaited<ReturnType<typeof getProcess>>): TPublicProcess {
  return {
    id: row.id,
    districtId: row.districtId,
    title: row.title,
    description: row.description,
    rules: row.rules,
    startedEntry: row.startedEntry.toString(),
    census:
      row.censusRoot === null || row.censusDepth === null || row.censusSize === null
        ? null
        : { root: row.censusRoot, depth: row.censusDepth, size: row.censusSize },
    phase: row.phase,
    ballotPollId: row.ballotPollId,
    createdAt: row.createdAt,
  };
}

export const processRouter = createTRPCRouter({
  /** A district's participatory processes (public). */
  list: publicProcedure
    .input(z.object({ districtSlug: ZDistrictSlug }))
    .output(z.array(ZPublicProcess))
    .query(async ({ ctx, input }) => {
      const district = await getDistrict(ctx.db, input.districtSlug);
      return (await listProcesses(ctx.db, district.id)).map(toPublic);
    }),

  /** One process (public). */
  get: publicProcedure
    .input(z.object({ processId: z.uuid() }))
    .output(ZPublicProcess)
    .query(async ({ ctx, input }) => toPublic(await getProcess(ctx.db, input.processId))),

  /** A council member starts a process: its rules go on the ledger and never change. */
  create: publicProcedure
    .input(ZCreateProcessInput)
    .output(ZPublicProcess)
    .mutation(async ({ ctx, input }) => toPublic(await createProcess(ctx.db, ctx.actor, input))),
});
