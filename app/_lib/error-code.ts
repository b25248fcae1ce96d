import { TRPCClientError } from "@trpc/client";

/** The AppError code a failed tRPC call carried, used to pick a translated message. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { appCode?: string | null } | undefined)?.appCode;
    if (code) return code;
    const trpc = (error.data as { code?: string } | undefined)?.code;
    if (trpc === "FORBIDDEN") return "FORBIDDEN";
    if (trpc === "UNAUTHORIZED") return "UNAUTHENTICATED";
  }
  return "INTERNAL";
}
