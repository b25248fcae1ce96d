import { councilRouter } from "./routers/council-router";
import { districtRouter } from "./routers/district-router";
import { instanceRouter } from "./routers/instance-router";
import { outboxRouter } from "./routers/outbox-router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  district: districtRouter,
  council: councilRouter,
  outbox: outboxRouter,
  instance: instanceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
