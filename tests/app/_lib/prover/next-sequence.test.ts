import { describe, expect, it } from "vitest";
import { nextSequence } from "@/app/_lib/prover/next-sequence";

describe("nextSequence", () => {
  it("starts at 0 in a poll this browser has not voted in", () => {
    expect(nextSequence([], "p")).toBe(0);
    expect(nextSequence([{ pollId: "other", sequence: 4 }], "p")).toBe(0);
  });

  it("goes one above the highest receipt of the poll, whatever their order", () => {
    const receipts = [
      { pollId: "p", sequence: 2 },
      { pollId: "p", sequence: 5 },
      { pollId: "q", sequence: 9 },
      { pollId: "p", sequence: 0 },
    ];
    expect(nextSequence(receipts, "p")).toBe(6);
    expect(nextSequence(receipts, "q")).toBe(10);
  });

  it("goes above a sequence tried in this page whose answer never came", () => {
    expect(nextSequence([{ pollId: "p", sequence: 1 }], "p", 3)).toBe(4);
    expect(nextSequence([{ pollId: "p", sequence: 7 }], "p", 3)).toBe(8);
    expect(nextSequence([], "p", 0)).toBe(1);
  });
});
