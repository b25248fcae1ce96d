import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** Server components: a NOT_FOUND from a procedure renders the real 404 page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
