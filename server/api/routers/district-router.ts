import { z } from "zod";
import {
  createDistrict,
  ZCreateDistrictInput,
  ZDistrictSlug,
} from "../../services/districts/create-district";
import { getDistrict } from "../../services/districts/get-district";
import { listDistricts } from "../../services/districts/list-districts";
import { createTRPCRouter, publicProcedure } from "../trpc";

const ZDistrictSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  councilSize: z.number().int(),
});

export const districtRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.void())
    .output(z.array(ZDistrictSummary))
    .query(({ ctx }) => listDistricts(ctx.db)),

  bySlug: publicProcedure
    .input(z.object({ slug: ZDistrictSlug }))
    .output(
      ZDistrictSummary.omit({ councilSize: true }).extend({
        createdAt: z.date(),
        council: z.array(z.object({ userId: z.string(), name: z.string().nullable() })),
      }),
    )
    .query(({ ctx, input }) => getDistrict(ctx.db, input.slug)),

  create: publicProcedure
    .input(ZCreateDistrictInput)
    .output(z.object({ id: z.uuid(), slug: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => createDistrict(ctx.db, ctx.actor, input)),
});
