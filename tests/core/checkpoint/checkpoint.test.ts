import fc from "fast-check";
import { describe, expect, it } from "vitest";

const noControlCharacters = (s: string) => [...s].every((c) => c.charCodeAt(0) >= 0x20);

import { formatCheckpoint, openCheckpoint, parseCheckpoint } from "@/core/checkpoint";
import { decodeBase64 } from "@/core/encoding";
import { generateSignerKey, parseSignerKey, parseVerifierKey, signNote } from "@/core/note";

// c2sp.org/tlog-checkpoint example.
const EXAMPLE = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const ROOT = decodeBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");

describe("parseCheckpoint", () => {
  it("parses the spec example", () => {
    expect(parseCheckpoint(EXAMPLE)).toEqual({
      origin: "example.com/behind-the-sofa",
      size: 20852163n,
      rootHash: ROOT,
      extensions: [],
    });
  });

  it("keeps extension lines and accepts size 0 and the largest uint64", () => {
    const cp = parseCheckpoint(`o\n0\n${"A".repeat(43)}=\next one\nx\n`);
    expect(cp.size).toBe(0n);
    expect(cp.extensions).toEqual(["ext one", "x"]);
    expect(parseCheckpoint(`o\n18446744073709551615\n${"A".repeat(43)}=\n`).size).toBe((1n << 64n) - 1n);
  });

  const root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  it.each<[string, string, RegExp]>([
    ["no final newline", EXAMPLE.slice(0, -1), /end with a newline/],
    ["two lines", "o\n1\n", /at least 3 lines/],
    ["an empty origin", `\n1\n${root}\n`, /line 1 is empty/],
    ["an empty extension line", `o\n1\n${root}\n\n`, /line 4 is empty/],
    ["a blank line before extensions", `o\n1\n${root}\n\next\n`, /line 4 is empty/],
    ["a leading zero", `o\n01\n${root}\n`, /no leading zeroes/],
    ["a plus sign", `o\n+1\n${root}\n`, /no leading zeroes/],
    ["a space in the size", `o\n 1\n${root}\n`, /no leading zeroes/],
    ["a hex size", `o\n0x10\n${root}\n`, /no leading zeroes/],
    ["a negative size", `o\n-1\n${root}\n`, /no leading zeroes/],
    ["a size of 2^64", `o\n18446744073709551616\n${root}\n`, /at most/],
    ["a 31-byte root", `o\n1\n${"A".repeat(40)}AA==\n`, /32 bytes/],
    ["a 33-byte root", `o\n1\n${"A".repeat(44)}\n`, /32 bytes/],
    ["an unpadded root", `o\n1\n${root.slice(0, -1)}\n`, /base64/],
    ["a hex root", `o\n1\n${"ab".repeat(32)}\n`, /32 bytes|base64/],
    ["a CRLF line ending", `o\r\n1\n${root}\n`, /control character/],
    ["a NUL byte", `o\u0000\n1\n${root}\n`, /control character/],
    ["a signed note instead of a body", `${EXAMPLE}\n— a AAAAAAA=\n`, /line 4 is empty/],
  ])("rejects %s", (_, text, message) => {
    expect(() => parseCheckpoint(text)).toThrow(message);
  });

  it("round-trips any valid checkpoint through formatCheckpoint", () => {
    const line = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter(noControlCharacters);
    fc.assert(
      fc.property(
        line,
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (origin, size, rootHash, extensions) => {
          const text = formatCheckpoint({ origin, size, rootHash, extensions });
          expect(parseCheckpoint(text)).toEqual({ origin, size, rootHash, extensions });
        },
      ),
    );
  });
});

describe("formatCheckpoint", () => {
  it("formats the spec example exactly", () => {
    expect(formatCheckpoint({ origin: "example.com/behind-the-sofa", size: 20852163n, rootHash: ROOT })).toBe(
      EXAMPLE,
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["an empty origin", { origin: "" }, /origin must not be empty/],
    ["a multi-line origin", { origin: "a\nb" }, /single line/],
    ["an origin with a tab", { origin: "a\tb" }, /control character/],
    ["a number size", { size: 1 }, /size must be a bigint/],
    ["a negative size", { size: -1n }, /size must be in/],
    ["a short root", { rootHash: new Uint8Array(31) }, /rootHash must be 32 bytes/],
    ["an empty extension", { extensions: [""] }, /extensions\[0\] must not be empty/],
    ["a non-array extension list", { extensions: "x" }, /extensions must be an array/],
  ])("rejects %s", (_, change, message) => {
    const base = { origin: "o", size: 1n, rootHash: ROOT };
    expect(() => formatCheckpoint({ ...base, ...change } as typeof base)).toThrow(message);
  });
});

describe("openCheckpoint", () => {
  const key = generateSignerKey("plaza.example/log", { seed: new Uint8Array(32).fill(4) });
  const signer = parseSignerKey(key.signerKey);
  const verifier = parseVerifierKey(key.verifierKey);
  const body = formatCheckpoint({ origin: "plaza.example/log", size: 5n, rootHash: ROOT });
  const signed = signNote(body, [signer]);

  it("returns the checkpoint when the log signed it for the expected origin", () => {
    const opened = openCheckpoint({ note: signed, origin: "plaza.example/log", verifiers: [verifier] });
    expect(opened?.checkpoint.size).toBe(5n);
    expect(opened?.note.verified).toHaveLength(1);
  });

  it("returns null for another origin or an unknown signer", () => {
    expect(openCheckpoint({ note: signed, origin: "plaza.example/other", verifiers: [verifier] })).toBeNull();
    const stranger = parseVerifierKey(generateSignerKey("plaza.example/log").verifierKey);
    expect(openCheckpoint({ note: signed, origin: "plaza.example/log", verifiers: [stranger] })).toBeNull();
  });

  it("throws for a signed note whose body is not a checkpoint", () => {
    const note = signNote("plaza.example/log\nnot a size\nroot\n", [signer]);
    expect(() => openCheckpoint({ note, origin: "plaza.example/log", verifiers: [verifier] })).toThrow(
      /tree size/,
    );
  });

  it("throws for a missing origin", () => {
    expect(() => openCheckpoint({ note: signed, verifiers: [verifier] } as never)).toThrow(
      /origin must be a string/,
    );
  });
});
