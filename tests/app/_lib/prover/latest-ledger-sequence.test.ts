import { afterEach, describe, expect, it, vi } from "vitest";
import { highestSequence, latestLedgerSequence } from "@/app/_lib/prover/latest-ledger-sequence";

const vote = (pollId: string, nullifier: string, sequence: number) => ({
  entry: { v: 1, type: "vote", pollId, ballot: [0], sequence, proof: { nullifier } },
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("highestSequence", () => {
  it("finds the highest sequence of this voter in this poll only", () => {
    const entries = [
      vote("p", "n1", 2),
      vote("p", "n1", 5),
      vote("p", "n2", 9),
      vote("q", "n1", 7),
      { entry: { type: "poll_opened", pollId: "p", sequence: 99, proof: { nullifier: "n1" } } },
      vote("p", "n1", 3),
    ];
    expect(highestSequence(entries, "p", "n1")).toBe(5);
    expect(highestSequence(entries, "p", "n2")).toBe(9);
    expect(highestSequence(entries, "p", "n3")).toBe(-1);
  });

  it("ignores malformed entries and sequences that are not integers", () => {
    const entries = [
      { entry: null },
      { entry: "x" },
      { entry: { type: "vote", pollId: "p", sequence: 8 } },
      { entry: { type: "vote", pollId: "p", sequence: "9", proof: { nullifier: "n" } } },
      vote("p", "n", 1.5),
      vote("p", "n", 0),
    ];
    expect(highestSequence(entries, "p", "n")).toBe(0);
  });
});

describe("latestLedgerSequence", () => {
  it("reads every page of vote entries from the poll's opening, cookie-less", async () => {
    const pages: Record<string, unknown> = {
      "10": { entries: [{ index: "11", type: "vote", ...vote("p", "n", 1) }], nextStart: "600" },
      "600": { entries: [{ index: "600", type: "vote", ...vote("p", "n", 4) }], nextStart: null },
    };
    const fetch = vi.fn(async (url: string, _init: RequestInit) => {
      const start = new URL(url, "http://x").searchParams.get("start") as string;
      return Response.json(pages[start]);
    });
    vi.stubGlobal("fetch", fetch);
    expect(await latestLedgerSequence("p", "10", "n")).toBe(4);
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([
      "/ledger/json/entries?type=vote&limit=500&start=10",
      "/ledger/json/entries?type=vote&limit=500&start=600",
    ]);
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: "omit" });
  });
});
