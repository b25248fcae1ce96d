import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/api/create-context";
import { appRouter } from "@/server/api/root";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req.headers),
    onError({ error, path }) {
      // Expected failures (AppError) are the client's business; only unexpected ones are logged.
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`[plaza] tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
