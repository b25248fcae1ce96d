import fc from "fast-check";
import { poseidon2 as litePoseidon2 } from "poseidon-lite/poseidon2";
import { describe, expect, it } from "vitest";
import { poseidon2 } from "@/core/census";
import * as embedded from "@/core/census/poseidon-constants";
import { SNARK_SCALAR_FIELD as R } from "@/core/entries";
import { derivePoseidonConstants } from "./derive-poseidon-constants";

const field = fc.bigInt({ min: 0n, max: R - 1n });

describe("poseidon2", () => {
  it("equals poseidon-lite (what @semaphore-protocol/group hashes with) on edge values", () => {
    const edges = [0n, 1n, 2n, R - 1n, R - 2n, 1n << 253n, (1n << 128n) - 1n];
    for (const a of edges)
      for (const b of edges) expect(poseidon2(a, b), `H(${a}, ${b})`).toBe(litePoseidon2([a, b]));
  });

  it("matches the circomlib test vector H(1, 2)", () => {
    expect(poseidon2(1n, 2n)).toBe(
      7853200120776062878684798364095072458815029376092732009249414926327459813530n,
    );
  });

  it("equals poseidon-lite on random field elements", () => {
    fc.assert(
      fc.property(field, field, (a, b) => poseidon2(a, b) === litePoseidon2([a, b])),
      { numRuns: 300 },
    );
  });

  it("is not symmetric: the order of children matters", () => {
    expect(poseidon2(1n, 2n)).not.toBe(poseidon2(2n, 1n));
  });

  it.each([
    ["a negative left", -1n, 0n],
    ["left = r", R, 0n],
    ["right = r", 0n, R],
    ["right above r", 0n, R + 5n],
  ])("rejects %s with a RangeError", (_, a, b) => {
    expect(() => poseidon2(a, b)).toThrow(RangeError);
  });

  it("rejects a number instead of a bigint", () => {
    expect(() => poseidon2(1 as unknown as bigint, 2n)).toThrow(RangeError);
  });
});

describe("the embedded Poseidon constants", () => {
  it("are the appendix-B form of the Grain LFSR constants (t = 3, RF = 8, RP = 57)", () => {
    const d = derivePoseidonConstants();
    expect(embedded.INITIAL).toEqual(d.initial);
    expect(embedded.FIRST_FULL).toEqual(d.firstFull.flat());
    expect(embedded.PARTIAL).toEqual(d.partial);
    expect(embedded.SPARSE).toEqual(d.sparse.flat());
    expect(embedded.LAST_FULL).toEqual(d.lastFull.flat());
    expect(embedded.MDS).toEqual(d.mds.flat());
    expect(embedded.PRE_SPARSE).toEqual(d.preSparse.flat());
  });
});
