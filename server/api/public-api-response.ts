import { ZodError } from "zod";
import { isAppError } from "../errors/app-error";

/**
 * Route-handler glue for the public (non-tRPC) API — the ledger and the ZK artifacts: turns
 * AppError / ZodError into a JSON error with its code and HTTP status, and anything unexpected
 * into a plain 500 without internals. Responses allow cross-origin reads: observers fetch them
 * from their own pages.
 */
export async function publicApiResponse(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (isAppError(e)) return jsonError(e.httpStatus, e.code, e.message);
    if (e instanceof ZodError)
      return jsonError(
        400,
        "BAD_INPUT",
        e.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "),
      );
    console.error("[plaza] ledger API failure:", e);
    return jsonError(500, "INTERNAL", "Something went wrong on our side.");
  }
}

export const PUBLIC_HEADERS = { "Access-Control-Allow-Origin": "*" } as const;

function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: PUBLIC_HEADERS });
}

/** JSON with bigints as decimal strings and bytes as base64 (JSON has neither). */
export function jsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const body = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
    return v;
  });
  return new Response(body, {
    ...init,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      ...PUBLIC_HEADERS,
      ...(init.headers ?? {}),
    },
  });
}
