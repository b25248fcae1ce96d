import { describe, expect, it } from "vitest";
import { validateCommitment } from "@/core/census";
import { SNARK_SCALAR_FIELD as R } from "@/core/entries";

describe("validateCommitment", () => {
  it.each([
    ["1", 1n, true],
    ["r - 1", R - 1n, true],
    [
      "a Semaphore-sized value",
      15072455385723004728391568434269917452175057560864330595979104241296826134229n,
      true,
    ],
    ["0 (a removed member's leaf)", 0n, false],
    ["r", R, false],
    ["r + 1", R + 1n, false],
    ["2^256", 1n << 256n, false],
    ["-1", -1n, false],
  ])("says %s is %s", (_, value, valid) => {
    expect(validateCommitment(value)).toBe(valid);
  });

  it.each([
    ["a number", 5],
    ["a decimal string", "5"],
    ["undefined", undefined],
  ])("throws a TypeError for %s", (_, value) => {
    expect(() => validateCommitment(value as unknown as bigint)).toThrow(TypeError);
  });
});
