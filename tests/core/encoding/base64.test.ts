import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "@/core/encoding";

const text = (s: string) => new TextEncoder().encode(s);

describe("encodeBase64 and decodeBase64", () => {
  // RFC 4648, Section 10 test vectors.
  it.each([
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ])("encodes %j as %j and back", (plain, encoded) => {
    expect(encodeBase64(text(plain))).toBe(encoded);
    expect(decodeBase64(encoded)).toEqual(text(plain));
  });

  it("round-trips any bytes and agrees with Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString("base64"));
        expect(decodeBase64(encoded)).toEqual(bytes);
      }),
    );
  });

  it.each<[string, string, RegExp]>([
    ["missing padding", "Zg", /standard padded base64/],
    ["too much padding", "Zg===", /standard padded base64/],
    ["padding in the middle", "Zg==Zg==", /standard padded base64/],
    ["a space", "Zm9v YmFy", /standard padded base64/],
    ["a trailing newline", "Zm9v\n", /standard padded base64/],
    ["the URL-safe alphabet", "-_-_", /standard padded base64/],
    ["a non-ASCII character", "Zm9vé===", /standard padded base64/],
    ["non-zero bits under '=='", "Zh==", /non-zero padding bits/],
    ["non-zero bits under '='", "Zm9=", /non-zero padding bits/],
  ])("rejects %s", (_, input, message) => {
    expect(() => decodeBase64(input, "input")).toThrow(message);
  });

  it("rejects non-strings and non-bytes", () => {
    expect(() => decodeBase64(5 as unknown as string)).toThrow(TypeError);
    expect(() => encodeBase64("x" as unknown as Uint8Array)).toThrow(TypeError);
  });
});
