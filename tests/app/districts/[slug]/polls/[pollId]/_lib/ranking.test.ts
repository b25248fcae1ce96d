import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotFromChoices } from "@/app/_lib/prover/ballot-from-choices";
import {
  moveRanked,
  rankOption,
  unrankedOptions,
  unrankOption,
} from "@/app/districts/[slug]/polls/[pollId]/_lib/ranking";
import { validateBallot } from "@/core/ballot";

describe("rankOption", () => {
  it("adds an option as the next, least preferred choice", () => {
    expect(rankOption([], 2, 3)).toEqual([2]);
    expect(rankOption([2], 0, 3)).toEqual([2, 0]);
  });

  it("leaves the ranking as it is for an option already ranked, or when the ranking is full", () => {
    expect(rankOption([2, 0], 2, 3)).toEqual([2, 0]);
    expect(rankOption([2, 0], 1, 2)).toEqual([2, 0]);
  });
});

describe("moveRanked", () => {
  it("moves an option up or down one place, swapping it with its neighbour", () => {
    expect(moveRanked([0, 1, 2], 2, -1)).toEqual([0, 2, 1]);
    expect(moveRanked([0, 1, 2], 0, 1)).toEqual([1, 0, 2]);
  });

  it("does nothing past either end, or for an option not ranked", () => {
    expect(moveRanked([0, 1, 2], 0, -1)).toEqual([0, 1, 2]);
    expect(moveRanked([0, 1, 2], 2, 1)).toEqual([0, 1, 2]);
    expect(moveRanked([0, 1], 3, -1)).toEqual([0, 1]);
  });
});

describe("unrankOption and unrankedOptions", () => {
  it("take an option out, the ones below moving up, and list the rest in option order", () => {
    expect(unrankOption([3, 1, 0], 1)).toEqual([3, 0]);
    expect(unrankedOptions(4, [3, 0])).toEqual([1, 2]);
    expect(unrankedOptions(3, [])).toEqual([0, 1, 2]);
  });
});

describe("a ranking built with these steps", () => {
  it("becomes the ballot of option indices in preference order", () => {
    // The resident adds Bike lanes, then Playground, then Pool, and moves Pool to the top.
    let ranking: number[] = [];
    ranking = rankOption(ranking, 1, 3);
    ranking = rankOption(ranking, 0, 3);
    ranking = rankOption(ranking, 2, 3);
    ranking = moveRanked(ranking, 2, -1);
    ranking = moveRanked(ranking, 2, -1);
    expect(ballotFromChoices({ kind: "ranked", maxRanks: 3 }, 3, ranking)).toEqual({
      ok: true,
      ballot: [2, 1, 0],
    });
  });

  it("is always a valid ranked ballot once it holds an option, whatever the steps", () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant("add" as const), option: fc.nat(7) }),
      fc.record({
        op: fc.constant("move" as const),
        option: fc.nat(7),
        by: fc.constantFrom(-1 as const, 1 as const),
      }),
      fc.record({ op: fc.constant("remove" as const), option: fc.nat(7) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(step),
        (count, max, steps) => {
          const maxRanks = Math.min(max, count);
          let ranking: number[] = [];
          for (const s of steps) {
            if (s.option >= count) continue;
            ranking =
              s.op === "add"
                ? rankOption(ranking, s.option, maxRanks)
                : s.op === "move"
                  ? moveRanked(ranking, s.option, s.by)
                  : unrankOption(ranking, s.option);
          }
          const method = { kind: "ranked", maxRanks } as const;
          if (ranking.length === 0) return;
          expect(validateBallot(method, count, ranking)).toEqual({ ok: true });
          expect(ballotFromChoices(method, count, ranking)).toEqual({ ok: true, ballot: ranking });
          expect([...unrankedOptions(count, ranking), ...ranking].sort((a, b) => a - b)).toEqual(
            Array.from({ length: count }, (_, i) => i),
          );
        },
      ),
    );
  });
});
