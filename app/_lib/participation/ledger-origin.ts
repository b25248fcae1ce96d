import { AnonymousRequestError } from "../prover/anonymous-request";

let cached: Promise<string> | null = null;

/** The log origin from a checkpoint note: its first line (c2sp.org/tlog-checkpoint). */
export function originOfCheckpoint(note: string): string {
  const origin = note.split("\n", 1)[0] ?? "";
  if (origin.trim() === "") throw new TypeError("note must start with a non-empty origin line");
  return origin;
}

/**
 * The ledger's origin line, which every participation scope names so a proof made for this Plaza
 * means nothing on another. Read once per page from the latest checkpoint, cookie-less.
 */
export function ledgerOrigin(): Promise<string> {
  cached ??= (async () => {
    let res: Response;
    try {
      res = await fetch("/ledger/checkpoint", {
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
    } catch (e) {
      throw new AnonymousRequestError("NETWORK", e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw new AnonymousRequestError("INTERNAL", `checkpoint: ${res.status}`);
    return originOfCheckpoint(await res.text());
  })();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
