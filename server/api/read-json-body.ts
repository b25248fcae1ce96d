import { AppError } from "../errors/app-error";

/**
 * Reads a JSON request body of at most `maxBytes`, refusing anything else with BAD_INPUT. Used by
 * the anonymous endpoints, which deliberately look at nothing but the body: no cookies, no
 * headers beyond the content, no client address, and they log nothing about the request.
 */
export async function readJsonBody(req: Request, maxBytes = 16_384): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("BAD_INPUT", `The request is larger than ${maxBytes} bytes.`);
  const reader = req.body?.getReader();
  if (!reader) throw new AppError("BAD_INPUT", "The request has no body.");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("BAD_INPUT", `The request is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new AppError("BAD_INPUT", "The request body is not valid JSON.");
  }
}
