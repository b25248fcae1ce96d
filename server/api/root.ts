import { censusRouter } from "./routers/census-router";
import { councilRouter } from "./routers/council-router";
import { districtRouter } from "./routers/district-router";
import { instanceRouter } from "./routers/instance-router";
import { ledgerRouter } from "./routers/ledger-router";
import { outboxRouter } from "./routers/outbox-router";
import { pollRouter } from "./routers/poll-router";
import { processRouter } from "./routers/process-router";
import { proposalRouter } from "./routers/proposal-router";
import { resultsRouter } from "./routers/results-router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  district: districtRouter,
  council: councilRouter,
  census: censusRouter,
  outbox: outboxRouter,
  instance: instanceRouter,
  ledger: ledgerRouter,
  poll: pollRouter,
  process: processRouter,
  proposal: proposalRouter,
  results: resultsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
