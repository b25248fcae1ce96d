import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tallyBudgetVotes, tallyPoll, tallyRankedVotes, tallyVotes } from "@/core/ballot";

const ballots = (...bs: number[][]) => bs.map((ballot) => ({ ballot }));
let n = 0n;
const vote = (nullifier: string, ballot: number[], sequence = 0) => ({
  index: n++,
  nullifier,
  sequence,
  ballot,
});

describe("tallyRankedVotes", () => {
  it("elects a first-round majority in one round", () => {
    const t = tallyRankedVotes(3, ballots([0], [0, 1], [1], [0, 2]));
    expect(t).toEqual({
      counts: [3, 1, 0],
      winner: 0,
      rounds: [{ counts: [3, 1, 0], exhausted: 0, eliminated: null }],
    });
  });

  it("eliminates the weakest option round by round and moves its ballots to their next choice", () => {
    // A 4, B 3, C 2 first preferences; C's ballots go to B, which then wins 5 to 4.
    const t = tallyRankedVotes(3, ballots([0], [0], [0], [0, 1], [1], [1], [1, 0], [2, 1], [2, 1]));
    expect(t.counts).toEqual([4, 3, 2]);
    expect(t.rounds).toEqual([
      { counts: [4, 3, 2], exhausted: 0, eliminated: 2 },
      { counts: [4, 5, 0], exhausted: 0, eliminated: null },
    ]);
    expect(t.winner).toBe(1);
  });

  it("drops exhausted ballots from the majority, and breaks elimination ties by first preferences, then index", () => {
    // Round 1: A 2, B 2, C 1, D 1. C and D tie; equal first preferences, so the higher index (D) goes.
    const t = tallyRankedVotes(4, ballots([0], [0], [1], [1], [2], [3]));
    expect(t.rounds[0]).toEqual({ counts: [2, 2, 1, 1], exhausted: 0, eliminated: 3 });
    // Then C goes (1 vote), its ballot is exhausted; A and B tie at 2 with equal firsts: B (index 1) goes.
    expect(t.rounds[1]).toEqual({ counts: [2, 2, 1, 0], exhausted: 1, eliminated: 2 });
    expect(t.rounds[2]).toEqual({ counts: [2, 2, 0, 0], exhausted: 2, eliminated: 1 });
    expect(t.rounds.at(-1)).toEqual({ counts: [2, 0, 0, 0], exhausted: 4, eliminated: null });
    expect(t.winner).toBe(0);
  });

  it("has no winner without votes", () => {
    expect(tallyRankedVotes(2, [])).toEqual({
      counts: [0, 0],
      winner: null,
      rounds: [{ counts: [0, 0], exhausted: 0, eliminated: null }],
    });
  });

  it("always ends with a winner holding a majority of continuing ballots, or the last one standing (property)", () => {
    const ranking = (k: number) =>
      fc.shuffledSubarray([...Array(k).keys()], { minLength: 1 }).map((a) => a as number[]);
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((k) => fc.tuple(fc.constant(k), fc.array(ranking(k), { maxLength: 40 }))),
        ([k, bs]) => {
          const t = tallyRankedVotes(k, ballots(...bs));
          const last = t.rounds.at(-1) as (typeof t.rounds)[number];
          for (const r of t.rounds) expect(r.counts.reduce((a, b) => a + b, 0) + r.exhausted).toBe(bs.length);
          if (bs.length === 0) expect(t.winner).toBeNull();
          else {
            const standing = k - (t.rounds.length - 1);
            const continuing = bs.length - last.exhausted;
            expect(2 * (last.counts[t.winner as number] as number) > continuing || standing === 1).toBe(true);
          }
          expect(t.rounds.length).toBeLessThanOrEqual(k);
        },
      ),
    );
  });
});

describe("tallyBudgetVotes", () => {
  it("funds projects in order of votes while the budget lasts, skipping one that no longer fits", () => {
    // Votes: P0 3, P1 2, P2 2, P3 1. Costs 60, 50, 30, 10; budget 100.
    const t = tallyBudgetVotes([60, 50, 30, 10], 100, ballots([0, 2], [0, 3], [0], [1], [1, 2]));
    expect(t.counts).toEqual([3, 2, 2, 1]);
    // P0 (60) funded; P2 (30, cheaper of the tie) funded; P1 (50) no longer fits; P3 (10) fits.
    expect(t.funded).toEqual([0, 2, 3]);
    expect(t.spent).toBe(100);
  });

  it("never funds a project nobody voted for, nor beyond the budget (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.array(fc.nat(7)), { maxLength: 20 }),
        (costs, budget, raw) => {
          const bs = raw.map((b) => [...new Set(b.filter((p) => p < costs.length))].sort((x, y) => x - y));
          const t = tallyBudgetVotes(costs, budget, ballots(...bs));
          expect(t.spent).toBeLessThanOrEqual(budget);
          expect(t.spent).toBe(t.funded.reduce((s, p) => s + (costs[p] as number), 0));
          for (const p of t.funded) expect(t.counts[p]).toBeGreaterThan(0);
          expect(new Set(t.funded).size).toBe(t.funded.length);
        },
      ),
    );
  });
});

describe("tallyPoll", () => {
  it("counts each voter's latest vote for every method", () => {
    const votes = [vote("a", [0]), vote("b", [1]), vote("a", [1], 1)];
    expect(tallyPoll({ kind: "single" }, 2, votes)).toEqual(tallyVotes({ kind: "single" }, 2, votes));
    expect(tallyPoll({ kind: "single" }, 2, votes).counts).toEqual([0, 2]);
    const ranked = tallyPoll({ kind: "ranked", maxRanks: 2 }, 3, [
      vote("a", [2, 0]),
      vote("b", [0]),
      vote("c", [1, 0]),
    ]);
    expect(ranked.winner).toBe(0);
    expect(ranked.turnout).toBe(3);
    const budget = tallyPoll({ kind: "budget", budget: 10, costs: [6, 5, 4] }, 3, [
      vote("a", [0, 2]),
      vote("b", [1, 2]),
    ]);
    expect(budget.funded).toEqual([2, 1]);
  });

  it("refuses an invalid ballot rather than count it", () => {
    expect(() => tallyPoll({ kind: "budget", budget: 5, costs: [6, 1] }, 2, [vote("a", [0])])).toThrow(
      /over the budget/,
    );
    expect(() => tallyPoll({ kind: "ranked", maxRanks: 1 }, 2, [vote("a", [0, 1])])).toThrow(RangeError);
  });
});
