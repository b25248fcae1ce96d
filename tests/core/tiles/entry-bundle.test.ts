import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEntryBundle, encodeEntryBundle } from "@/core/tiles";

describe("encodeEntryBundle and decodeEntryBundle", () => {
  it("uses big-endian uint16 length prefixes", () => {
    const bundle = encodeEntryBundle([
      Uint8Array.of(0xaa),
      new Uint8Array(0),
      new Uint8Array(0x0102).fill(7),
    ]);
    expect(Array.from(bundle.subarray(0, 5))).toEqual([0x00, 0x01, 0xaa, 0x00, 0x00]);
    expect(Array.from(bundle.subarray(5, 7))).toEqual([0x01, 0x02]);
    expect(bundle.length).toBe(3 + 2 + 2 + 0x0102);
  });

  it("round-trips any bundle of 1 to 256 entries", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 256 }),
        (entries) => {
          expect(decodeEntryBundle(encodeEntryBundle(entries), entries.length)).toEqual(entries);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("accepts entries of the maximum length 65535", () => {
    const big = new Uint8Array(65535).fill(1);
    expect(decodeEntryBundle(encodeEntryBundle([big]))).toEqual([big]);
  });

  it.each<[string, unknown, RegExp]>([
    ["no entries", [], /1 to 256 entries/],
    ["257 entries", Array.from({ length: 257 }, () => new Uint8Array(0)), /1 to 256 entries/],
    ["an entry of 65536 bytes", [new Uint8Array(65536)], /more than 65535/],
    ["a string entry", ["abc"], /entries\[0\] must be a Uint8Array/],
    ["not an array", new Uint8Array(3), /must be an array/],
  ])("encode rejects %s", (_, entries, message) => {
    expect(() => encodeEntryBundle(entries as Uint8Array[])).toThrow(message);
  });

  const one = encodeEntryBundle([Uint8Array.of(1, 2, 3)]);
  it.each<[string, Uint8Array, number | undefined, RegExp]>([
    ["an empty bundle", new Uint8Array(0), undefined, /empty/],
    ["a lone length byte", Uint8Array.of(0), undefined, /truncated in a length prefix/],
    ["a truncated entry", one.subarray(0, 4), undefined, /truncated in entry 0/],
    ["a trailing byte", Uint8Array.from([...one, 0]), undefined, /truncated in a length prefix/],
    ["a length past the end", Uint8Array.of(0xff, 0xff, 1), undefined, /truncated in entry 0/],
    ["fewer entries than the width", one, 2, /expected 2/],
    ["257 empty entries", new Uint8Array(514), undefined, /more than 256/],
  ])("decode rejects %s", (_, bundle, width, message) => {
    expect(() => decodeEntryBundle(bundle, width)).toThrow(message);
  });

  it("decode rejects a width outside 1..256 and non-bytes", () => {
    expect(() => decodeEntryBundle(one, 0)).toThrow(RangeError);
    expect(() => decodeEntryBundle(one, 257)).toThrow(RangeError);
    expect(() => decodeEntryBundle("x" as unknown as Uint8Array)).toThrow(TypeError);
  });
});
