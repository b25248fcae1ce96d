import { z } from "zod";
import { listOutbox } from "../../services/mail/list-outbox";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const outboxRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.void())
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          to: z.string(),
          subject: z.string(),
          text: z.string(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx }) => listOutbox(ctx.db)),
});
