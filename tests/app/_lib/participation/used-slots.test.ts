import { describe, expect, it } from "vitest";
import { originOfCheckpoint } from "@/app/_lib/participation/ledger-origin";
import { pickSlot, slotKey } from "@/app/_lib/participation/used-slots";

describe("pickSlot", () => {
  it("takes the lowest slot not used yet", () => {
    expect(pickSlot([], 3)).toBe(0);
    expect(pickSlot([0], 3)).toBe(1);
    expect(pickSlot([1, 0], 3)).toBe(2);
    expect(pickSlot([1], 3)).toBe(0);
  });
  it("answers null once every slot is used", () => {
    expect(pickSlot([0, 1], 2)).toBeNull();
    expect(pickSlot([], 0)).toBeNull();
  });
  it("refuses a limit that is not a non-negative integer", () => {
    expect(() => pickSlot([], -1)).toThrow(RangeError);
    expect(() => pickSlot([], 1.5)).toThrow(RangeError);
  });
});

describe("slotKey", () => {
  it("keeps identities, acts and targets apart", () => {
    expect(slotKey("1", "comment", "p")).not.toBe(slotKey("1", "propose", "p"));
    expect(slotKey("1", "comment", "p")).not.toBe(slotKey("2", "comment", "p"));
  });
});

describe("originOfCheckpoint", () => {
  it("reads the origin from the note's first line", () => {
    expect(originOfCheckpoint("plaza.example/log\n12\nabc=\n\n— sig\n")).toBe("plaza.example/log");
  });
  it("refuses a note without an origin line", () => {
    expect(() => originOfCheckpoint("\n12\n")).toThrow(TypeError);
  });
});
