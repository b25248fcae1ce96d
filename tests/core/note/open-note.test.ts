import fc from "fast-check";
import { describe, expect, it } from "vitest";

const noControlCharacters = (s: string) => [...s].every((c) => c.charCodeAt(0) >= 0x20);

import { encodeBase64 } from "@/core/encoding";
import {
  createNoteSigner,
  formatSignatureLine,
  generateSignerKey,
  openNote,
  parseSignedNote,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_ED25519,
  signNote,
} from "@/core/note";

const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const peter = parseVerifierKey(PETER_VKEY);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("openNote", () => {
  // Hostile input: malformed notes throw a TypeError describing the problem; none is accepted.
  it.each<[string, string | Uint8Array, RegExp]>([
    ["a text with no signature block", TEXT, /blank line between the text and the signatures/],
    ["a blank line but no signatures", `${TEXT}\n`, /at least one signature line/],
    ["a missing final newline", `${TEXT}\n${PETER_SIG.slice(0, -1)}`, /must end with a newline/],
    ["a control character", `\x01${TEXT}\n${PETER_SIG}`, /control character U\+0001/],
    ["a carriage return", `${TEXT.replace("\n", "\r\n")}\n${PETER_SIG}`, /control character U\+000d/],
    ["a tab", `\t${TEXT}\n${PETER_SIG}`, /control character U\+0009/],
    ["invalid UTF-8", Uint8Array.from([0xff, ...bytes(`${TEXT}\n${PETER_SIG}`)]), /not valid UTF-8/],
    ["a lone surrogate", `\ud800${TEXT}\n${PETER_SIG}`, /lone surrogate/],
    [
      "a name with a space",
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      /base64/,
    ],
    [
      "an unexpected line after the signatures",
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      /must start with "— "/,
    ],
    ["a hyphen instead of an em dash", `${TEXT}\n${PETER_SIG.replace("—", "-")}`, /must start with "— "/],
    ["no space after the em dash", `${TEXT}\n${PETER_SIG.replace("— ", "—")}`, /must start with "— "/],
    ["a name with a plus", `${TEXT}\n${PETER_SIG.replace("Peter", "Pe+ter")}`, /invalid key name/],
    [
      "a name with a no-break space",
      `${TEXT}\n${PETER_SIG.replace("Peter", "Pe\u00a0ter")}`,
      /invalid key name/,
    ],
    ["an empty name", `${TEXT}\n${PETER_SIG.replace("PeterNeumann", "")}`, /invalid key name/],
    ["no signature after the name", `${TEXT}\n— PeterNeumann\n`, /key name, a space and a signature/],
    ["an empty signature", `${TEXT}\n— PeterNeumann \n`, /key ID and a signature/],
    ["a key ID without signature", `${TEXT}\n— PeterNeumann x08gow==\n`, /key ID and a signature/],
    ["unpadded base64", `${TEXT}\n${PETER_SIG.replace("AM=\n", "AM\n")}`, /standard padded base64/],
    ["URL-safe base64", `${TEXT}\n${PETER_SIG.replace("/", "_")}`, /standard padded base64/],
    [
      "non-canonical base64 padding bits",
      `${TEXT}\n${PETER_SIG.replace("AM=\n", "AN=\n")}`,
      /non-zero padding bits/,
    ],
  ])("throws for %s", (_, note, message) => {
    expect(() => openNote(note, [peter])).toThrow(message);
    expect(() => parseSignedNote(note)).toThrow(TypeError);
  });

  it("treats everything before the last blank line as text, so an early signature line is text", () => {
    // The first signature line becomes part of the text, which Peter never signed.
    expect(parseSignedNote(`${TEXT}\n${PETER_SIG}\n${PETER_SIG}`).text).toBe(`${TEXT}\n${PETER_SIG}`);
    expect(openNote(`${TEXT}\n${PETER_SIG}\n${PETER_SIG}`, [peter])).toBeNull();
  });

  it.each<[string, unknown]>([
    ["a number", 42],
    ["null", null],
  ])("throws for a note that is %s", (_, note) => {
    expect(() => openNote(note as string, [peter])).toThrow(/string or Uint8Array/);
  });

  it("throws for verifiers that are not verifiers", () => {
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, [{} as typeof peter])).toThrow(/verifiers\[0\]/);
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, peter as unknown as [])).toThrow(/must be an array/);
  });

  it("ignores a signature that shares only the name or only the key ID with a known key", () => {
    const otherId = formatSignatureLine({ name: "PeterNeumann", keyId: 1, signature: new Uint8Array(64) });
    const otherName = PETER_SIG.replace("PeterNeumann", "PeterNeumannX");
    const opened = openNote(`${TEXT}\n${PETER_SIG}${otherId}${otherName}`, [peter]);
    expect(opened?.verified).toHaveLength(1);
    expect(opened?.unverified).toHaveLength(2);
  });

  it("accepts bytes and keeps them exactly, including a byte order mark", () => {
    const signer = parseSignerKey(
      generateSignerKey("bom.example", { seed: new Uint8Array(32).fill(3) }).signerKey,
    );
    const verifier = parseVerifierKey(
      generateSignerKey("bom.example", { seed: new Uint8Array(32).fill(3) }).verifierKey,
    );
    const signed = signNote("\ufeffhello\n", [signer]);
    const opened = openNote(bytes(signed), [verifier]);
    expect(opened?.text).toBe("\ufeffhello\n");
    expect(Array.from(opened?.textBytes.subarray(0, 3) ?? [])).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("splits text and signatures at the last blank line, so texts may contain blank lines", () => {
    const key = generateSignerKey("blank.example");
    const text = "a\n\nb\n\n";
    const opened = openNote(signNote(text, [parseSignerKey(key.signerKey)]), [
      parseVerifierKey(key.verifierKey),
    ]);
    expect(opened?.text).toBe(text);
  });

  it("verifies whatever valid note text it signs, and nothing else", () => {
    const key = generateSignerKey("prop.example", { seed: new Uint8Array(32).fill(9) });
    const signer = parseSignerKey(key.signerKey);
    const verifier = parseVerifierKey(key.verifierKey);
    const noteText = fc
      .array(fc.string({ unit: "grapheme", maxLength: 20 }).filter(noControlCharacters), { maxLength: 5 })
      .map((lines) => lines.map((l) => `${l}\n`).join("") || "\n");
    fc.assert(
      fc.property(noteText, fc.nat(), (text, bit) => {
        const signed = signNote(text, [signer]);
        expect(openNote(signed, [verifier])?.text).toBe(text);
        // Any change to the signed text bytes invalidates the signature (or the note's syntax).
        const raw = bytes(signed);
        const at = bit % (raw.length - bytes(PETER_SIG).length);
        const tampered = Uint8Array.from(raw);
        tampered[at] = (tampered[at] as number) ^ 0x01;
        let result: unknown = null;
        try {
          result = openNote(tampered, [verifier]);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
        if (result !== null) expect((result as { text: string }).text).not.toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});

describe("signNote", () => {
  const signer = createNoteSigner("sign.example", SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(1));
  it.each<[string, string, RegExp]>([
    ["an empty text", "", /end with a newline/],
    ["a text without final newline", "abc", /end with a newline/],
    ["a text with a control character", "a\u0007b\n", /control character/],
  ])("throws for %s", (_, text, message) => {
    expect(() => signNote(text, [signer])).toThrow(message);
  });

  it("throws without signers or with a cosigner key", () => {
    expect(() => signNote("a\n", [])).toThrow(/non-empty array/);
    const cosigner = createNoteSigner("w.example", 0x04, new Uint8Array(32).fill(1));
    expect(() => signNote("a\n", [cosigner])).toThrow(/use signCosignature/);
  });

  it("signs with several keys, one line each", () => {
    const other = createNoteSigner("other.example", SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(2));
    const note = parseSignedNote(signNote("a\n", [signer, other]));
    expect(note.signatures.map((s) => s.name)).toEqual(["sign.example", "other.example"]);
    expect(note.signatures.every((s) => s.signature.length === 64)).toBe(true);
    expect(encodeBase64(note.textBytes)).toBe(encodeBase64(bytes("a\n")));
  });
});
