import { describe, expect, it } from "vitest";
import { readBinFile } from "@/circuits/read-bin-file";

function binFile(tag: string, sections: [number, Uint8Array, number?][]): Uint8Array {
  const parts: number[] = [...new TextEncoder().encode(tag)];
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  u32(1);
  u32(sections.length);
  for (const [id, data, declared] of sections) {
    u32(id);
    u32(declared ?? data.length);
    u32(0);
    parts.push(...data);
  }
  return Uint8Array.from(parts);
}

describe("readBinFile", () => {
  it("reads each section's bytes by id", () => {
    const sections = readBinFile(
      binFile("zkey", [
        [1, Uint8Array.of(1, 0, 0, 0)],
        [4, Uint8Array.of(9, 9)],
      ]),
      "zkey",
    );
    expect([...sections.keys()]).toEqual([1, 4]);
    expect([...(sections.get(4) ?? [])]).toEqual([9, 9]);
  });

  const hostile: [string, Uint8Array, RegExp][] = [
    ["an empty file", new Uint8Array(), /cannot read 4 bytes/],
    ["another file type", binFile("wtns", []), /expected a zkey file/],
    ["a header cut short", binFile("zkey", []).subarray(0, 10), /cannot read 4 bytes/],
    [
      "a section longer than the file",
      binFile("zkey", [[1, Uint8Array.of(1), 100]]),
      /cannot read 100 bytes/,
    ],
    [
      "a section listed twice",
      binFile("zkey", [
        [2, Uint8Array.of()],
        [2, Uint8Array.of()],
      ]),
      /section 2 twice/,
    ],
  ];
  for (const [label, bytes, error] of hostile) {
    it(`rejects ${label}`, () => {
      expect(() => readBinFile(bytes, "zkey"), label).toThrow(error);
    });
  }
});
