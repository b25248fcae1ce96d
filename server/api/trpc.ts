import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Locale } from "../../i18n/locales";
import type { Db } from "../db/client";
import { isAppError } from "../errors/app-error";
import type { Actor } from "../services/auth/actor";

export interface Context {
  db: Db;
  actor: Actor;
  locale: Locale;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Clients get a stable `appCode` and a human message; internal errors never leak their
  // message or stack (they are logged on the server by the route handler instead).
  errorFormatter({ shape, error }) {
    const app = isAppError(error.cause) ? error.cause : null;
    const zod = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const internal = error.code === "INTERNAL_SERVER_ERROR" && !app;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: internal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        ...data,
        appCode: app?.code ?? (zod ? "BAD_INPUT" : null),
        fieldErrors: zod?.fieldErrors ?? null,
      },
    };
  },
});

/** The one place where AppError codes become tRPC errors (and so HTTP statuses). */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const app = result.error.cause;
    throw new TRPCError({ code: app.trpcCode, message: app.message, cause: app });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure is public at this layer: authorization happens in the service it calls. */
export const publicProcedure = t.procedure.use(mapAppErrors);
