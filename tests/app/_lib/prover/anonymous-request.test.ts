import { afterEach, describe, expect, it, vi } from "vitest";
import { postAnonymous, residentErrorCode } from "@/app/_lib/prover/anonymous-request";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("postAnonymous", () => {
  it("sends one JSON request without cookies, referrer or HTTP cache", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => Response.json({ entryIndex: "7" }));
    vi.stubGlobal("fetch", fetch);
    expect(await postAnonymous("/api/anon/vote", { a: 1 })).toEqual({ entryIndex: "7" });
    expect(fetch).toHaveBeenCalledTimes(1);
    const init = fetch.mock.calls[0]?.[1];
    expect(init).toMatchObject({
      method: "POST",
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      body: '{"a":1}',
    });
  });

  it("turns an endpoint's { error: { code } } into that code", async () => {
    vi.stubGlobal("fetch", async () =>
      Response.json({ error: { code: "STALE_SEQUENCE", message: "newer vote counted" } }, { status: 409 }),
    );
    const e = await postAnonymous("/api/anon/vote", {}).catch((x: unknown) => x);
    expect(residentErrorCode(e)).toBe("STALE_SEQUENCE");
  });

  it("says INTERNAL for an error without a JSON body, and NETWORK when the request fails", async () => {
    vi.stubGlobal("fetch", async () => new Response("<html>", { status: 502 }));
    expect(residentErrorCode(await postAnonymous("/x", {}).catch((x: unknown) => x))).toBe("INTERNAL");
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(residentErrorCode(await postAnonymous("/x", {}).catch((x: unknown) => x))).toBe("NETWORK");
  });
});
