/**
 * Requests a resident's browser makes without any identifying context: no cookies
 * (credentials: "omit"), no referrer, no HTTP cache, one request per call (never batched with
 * another). The anonymous endpoints answer errors as { error: { code, message } }; the code
 * picks a translated message.
 */
export class AnonymousRequestError extends Error {
  override name = "AnonymousRequestError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const INIT: RequestInit = { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" };

async function send<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...INIT, ...init });
  } catch (e) {
    throw new AnonymousRequestError("NETWORK", e instanceof Error ? e.message : String(e));
  }
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: unknown; message?: unknown };
  } | null;
  if (!res.ok) {
    const code = typeof body?.error?.code === "string" ? body.error.code : "INTERNAL";
    const message = typeof body?.error?.message === "string" ? body.error.message : res.statusText;
    throw new AnonymousRequestError(code, message);
  }
  if (body === null) throw new AnonymousRequestError("INTERNAL", "The server answered without a JSON body.");
  return body as T;
}

export function postAnonymous<T>(url: string, payload: unknown): Promise<T> {
  return send<T>(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
}

export function getAnonymous<T>(url: string): Promise<T> {
  return send<T>(url, { method: "GET" });
}

/** The error code of any failure: an endpoint's code, a prover step's code, or INTERNAL. */
export function residentErrorCode(error: unknown): string {
  if (error instanceof AnonymousRequestError) return error.code;
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string")
    return error.code;
  return "INTERNAL";
}
