import { describe, expect, it } from "vitest";
import { ballotFromChoices } from "@/app/_lib/prover/ballot-from-choices";
import { ballotMessage } from "@/core/ballot";

const approval = { kind: "approval", min: 1, max: 2 } as const;

describe("ballotFromChoices", () => {
  it("makes a single-choice ballot of the one ticked option", () => {
    expect(ballotFromChoices({ kind: "single" }, 3, [2])).toEqual({ ok: true, ballot: [2] });
  });

  it("sorts and deduplicates approval choices into the canonical ballot, whatever the ticking order", () => {
    expect(ballotFromChoices(approval, 4, [3, 1])).toEqual({ ok: true, ballot: [1, 3] });
    expect(ballotFromChoices(approval, 4, [1, 3, 1])).toEqual({ ok: true, ballot: [1, 3] });
    // One choice, one message: the order of ticking never changes what is proved.
    const a = ballotFromChoices(approval, 4, [3, 1]);
    const b = ballotFromChoices(approval, 4, [1, 3]);
    if (!a.ok || !b.ok) throw new Error("expected valid ballots");
    expect(ballotMessage(a.ballot, 0)).toBe(ballotMessage(b.ballot, 0));
  });

  it.each([
    ["nothing ticked", { kind: "single" } as const, 3, [], "none"],
    ["two options in a single-choice poll", { kind: "single" } as const, 3, [0, 1], "tooMany"],
    ["fewer than the minimum", { kind: "approval", min: 2, max: 3 } as const, 4, [1], "tooFew"],
    ["more than the maximum", approval, 4, [0, 1, 2], "tooMany"],
    ["an option that does not exist", { kind: "single" } as const, 3, [3], "invalid"],
    ["a negative option", approval, 3, [-1], "invalid"],
  ])("refuses %s", (_label, method, count, choices, problem) => {
    expect(ballotFromChoices(method, count, choices)).toEqual({ ok: false, problem });
  });
});
