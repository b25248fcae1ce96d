import { z } from "zod";
import { getInstanceInfo } from "../../services/settings/get-instance-info";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const instanceRouter = createTRPCRouter({
  info: publicProcedure
    .input(z.void())
    .output(z.object({ cityName: z.string().nullable(), outboxEnabled: z.boolean() }))
    .query(({ ctx }) => getInstanceInfo(ctx.db)),
});
