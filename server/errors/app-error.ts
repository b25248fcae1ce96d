/**
 * Every expected failure in Plaza is an AppError with a stable code and a human message. Services
 * throw it; the one table below maps each code to a tRPC code and an HTTP status, so routers never
 * rewrap errors and a client never sees a stack trace.
 */
export const APP_ERROR_CODES = {
  BAD_INPUT: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  DISTRICT_SLUG_TAKEN: { trpc: "CONFLICT", http: 409 },
  ALREADY_COUNCIL_MEMBER: { trpc: "CONFLICT", http: 409 },
  MAIL_FAILED: { trpc: "INTERNAL_SERVER_ERROR", http: 502 },
  POLL_LOCKED: { trpc: "CONFLICT", http: 409 },
  POLL_NOT_OPEN: { trpc: "PRECONDITION_FAILED", http: 409 },
  WRONG_SCOPE: { trpc: "BAD_REQUEST", http: 400 },
  WRONG_ROOT: { trpc: "BAD_REQUEST", http: 400 },
  BAD_DEPTH: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_BALLOT: { trpc: "BAD_REQUEST", http: 400 },
  MESSAGE_MISMATCH: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_PROOF: { trpc: "BAD_REQUEST", http: 400 },
  VERIFIER_UNAVAILABLE: { trpc: "INTERNAL_SERVER_ERROR", http: 503 },
  STALE_SEQUENCE: { trpc: "CONFLICT", http: 409 },
  RESULTS_NOT_READY: { trpc: "PRECONDITION_FAILED", http: 409 },
  INVALID_CODE: { trpc: "BAD_REQUEST", http: 400 },
  CODE_USED: { trpc: "CONFLICT", http: 409 },
  WRONG_DISTRICT: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_COMMITMENT: { trpc: "BAD_REQUEST", http: 400 },
  ALREADY_MEMBER: { trpc: "CONFLICT", http: 409 },
  MEMBER_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  MEMBER_ALREADY_REMOVED: { trpc: "CONFLICT", http: 409 },
  OUTSIDE_PHASE: { trpc: "PRECONDITION_FAILED", http: 409 },
  SLOT_OUT_OF_RANGE: { trpc: "BAD_REQUEST", http: 400 },
  ALREADY_ACTED: { trpc: "CONFLICT", http: 409 },
  TARGET_HIDDEN: { trpc: "PRECONDITION_FAILED", http: 409 },
  INVALID_PROPOSAL: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_PARENT: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_RESPONSE: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_MODERATION: { trpc: "CONFLICT", http: 409 },
  LEDGER_ENTRY_INVALID: { trpc: "BAD_REQUEST", http: 400 },
  LEDGER_CORRUPT: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
} as const satisfies Record<string, { trpc: TRPCCode; http: number }>;

type TRPCCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR";

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return APP_ERROR_CODES[this.code].http;
  }

  get trpcCode(): TRPCCode {
    return APP_ERROR_CODES[this.code].trpc;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (e instanceof Error && e.name === "AppError" && "code" in e);
}
