import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateInvitationCode, INVITATION_CODE_ALPHABET, normalizeInvitationCode } from "@/core/census";

const SHAPE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}){3}$/;

describe("generateInvitationCode", () => {
  it("uses 32 symbols without the look-alikes 0, O, 1 and I", () => {
    expect(new Set(INVITATION_CODE_ALPHABET).size).toBe(32);
    expect(INVITATION_CODE_ALPHABET).not.toMatch(/[01OI]/);
  });

  it("maps the 80 random bits to 16 symbols, 5 bits each, most significant first", () => {
    expect(generateInvitationCode(new Uint8Array(10))).toBe("2222-2222-2222-2222");
    expect(generateInvitationCode(new Uint8Array(10).fill(0xff))).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    // 0x08 0x86 0x42 ... : bits 00001 00010 00011 00100 … → symbols 1, 2, 3, 4, …
    const bytes = new Uint8Array([0x08, 0x86, 0x42, 0x98, 0xe8, 0x4a, 0x96, 0xc6, 0xb9, 0xf0]);
    expect(generateInvitationCode(bytes)).toBe(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
        .map((i) => INVITATION_CODE_ALPHABET[i])
        .join("")
        .replace(/(.{4})(?!$)/g, "$1-"),
    );
  });

  it("draws fresh codes from the platform CSPRNG", () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateInvitationCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(SHAPE);
  });

  it.each([
    ["9 bytes", new Uint8Array(9)],
    ["11 bytes", new Uint8Array(11)],
    ["an array", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ])("rejects %s of randomness", (_, random) => {
    expect(() => generateInvitationCode(random as Uint8Array)).toThrow(TypeError);
  });
});

describe("normalizeInvitationCode", () => {
  it("gives back every generated code unchanged, and forgives case and separators", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = generateInvitationCode(bytes);
        expect(normalizeInvitationCode(code)).toBe(code);
        expect(normalizeInvitationCode(` ${code.toLowerCase().replaceAll("-", " ")} `)).toBe(code);
        expect(normalizeInvitationCode(code.replaceAll("-", ""))).toBe(code);
      }),
    );
  });

  it.each([
    ["too short", "ABCD-EFGH-JKLM-NPQ"],
    ["too long", "ABCD-EFGH-JKLM-NPQRS"],
    ["an O", "ABCD-EFGH-JKLM-NPQO"],
    ["a 0", "ABCD-EFGH-JKLM-NPQ0"],
    ["a 1", "ABCD-EFGH-JKLM-NPQ1"],
    ["an I", "ABCD-EFGH-JKLM-NPQI"],
    ["punctuation", "ABCD-EFGH-JKLM-NP!R"],
    ["non-ASCII letters", "ÄBCD-EFGH-JKLM-NPQR"],
    ["an empty string", ""],
    ["a very long string", "A".repeat(10_000)],
  ])("returns null for %s", (_, input) => {
    expect(normalizeInvitationCode(input)).toBeNull();
  });

  it("throws a TypeError for a non-string", () => {
    expect(() => normalizeInvitationCode(42 as unknown as string)).toThrow(TypeError);
  });
});
