import { describe, expect, it } from "vitest";
import { decodeBase64 } from "@/core/encoding";
import {
  computeKeyId,
  createNoteVerifier,
  formatVerifierKey,
  generateSignerKey,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
} from "@/core/note";

describe("generateSignerKey", () => {
  it("produces matching signer and verifier keys in the sumdb/note formats", () => {
    const { signerKey, verifierKey } = generateSignerKey("plaza.example/log");
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+plaza\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^plaza\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    // The key material starts with the type byte 0x01 (Ed25519).
    expect(
      decodeBase64(verifierKey.slice(verifierKey.indexOf("+", verifierKey.indexOf("+") + 1) + 1))[0],
    ).toBe(1);
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(signer.keyId).toBe(verifier.keyId);
    expect(signer.publicKey).toEqual(verifier.publicKey);
    expect(formatVerifierKey(verifier.name, verifier.type, verifier.publicKey)).toBe(verifierKey);
  });

  it("derives the cosigner key ID with type byte 0x04, distinct from the note key ID", () => {
    const seed = new Uint8Array(32).fill(5);
    const note = parseVerifierKey(generateSignerKey("w.example", { seed }).verifierKey);
    const cosigner = parseVerifierKey(
      generateSignerKey("w.example", { seed, type: SIGNATURE_TYPE_COSIGNATURE_V1 }).verifierKey,
    );
    expect(cosigner.type).toBe(SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(cosigner.publicKey).toEqual(note.publicKey);
    expect(cosigner.keyId).not.toBe(note.keyId);
    expect(cosigner.keyId).toBe(computeKeyId("w.example", 0x04, note.publicKey));
  });

  it("rejects invalid names", () => {
    expect(() => generateSignerKey("a b")).toThrow(/not a valid key name/);
    expect(() => generateSignerKey("a+b")).toThrow(/not a valid key name/);
    expect(() => generateSignerKey("")).toThrow(/not a valid key name/);
  });
});

describe("isValidKeyName", () => {
  it.each(["example.com/log", "PeterNeumann", "oid/1.3.6.1.4.1", "ünïcødé", "😀"])("accepts %s", (name) => {
    expect(isValidKeyName(name)).toBe(true);
  });

  it.each([
    "",
    "a b",
    "a+b",
    "a\tb",
    "a\u00a0b",
    "a\u2003b",
    "a\u3000b",
    "a\u2028b",
    "a\nb",
    "\ud800",
    7,
    null,
  ])("rejects %j", (name) => {
    expect(isValidKeyName(name)).toBe(false);
  });
});

describe("parseVerifierKey", () => {
  const good = generateSignerKey("v.example", { seed: new Uint8Array(32).fill(7) }).verifierKey;
  const [name, id, key] = good.split("+") as [string, string, string];

  it.each<[string, unknown, RegExp]>([
    ["a number", 5, /vkey must be a string/],
    ["no separators", "v.example", /must have the form/],
    ["one separator", `${name}+${id}`, /must have the form/],
    ["a short key ID", `${name}+${id.slice(1)}+${key}`, /8 hex digits/],
    ["a non-hex key ID", `${name}+${id.slice(1)}g+${key}`, /8 hex digits/],
    ["an empty name", `+${id}+${key}`, /invalid key name/],
    ["a wrong key ID", `${name}+00000000+${key}`, /does not match/],
    ["a wrong name", `w.example+${id}+${key}`, /does not match/],
    ["base64 with extra padding", `${name}+${id}+${key}=`, /base64/],
    ["base64 with whitespace", `${name}+${id}+ ${key}`, /base64/],
    ["a truncated key", `${name}+${id}+${key.slice(0, 40)}`, /base64|type byte/],
    ["an empty key", `${name}+${id}+`, /type byte and 32 bytes/],
    ["a private key", `PRIVATE+KEY+${name}+${id}+${key}`, /8 hex digits/],
  ])("throws for %s", (_, vkey, message) => {
    expect(() => parseVerifierKey(vkey as string)).toThrow(message);
  });

  it("rejects a public key that is not a curve point", () => {
    const bad = new Uint8Array(32).fill(0xff);
    expect(() => createNoteVerifier("x.example", SIGNATURE_TYPE_ED25519, bad)).toThrow(
      /not a valid Ed25519 public key/,
    );
  });
});

describe("parseSignerKey", () => {
  const good = generateSignerKey("s.example", { seed: new Uint8Array(32).fill(8) }).signerKey;

  it.each<[string, string, RegExp]>([
    ["a verifier key", good.replace("PRIVATE+KEY+", ""), /must start with/],
    ["a lowercase prefix", good.replace("PRIVATE+KEY", "private+key"), /must start with/],
    ["a wrong key ID", good.replace(/\+[0-9a-f]{8}\+/, "+00000000+"), /does not match/],
    ["a missing key", good.replace(/\+[^+]*$/, "+"), /type byte and a 32-byte seed/],
    ["an unknown type", good.replace("+AQ", "+Aw"), /base64|unsupported signature type/],
  ])("throws for %s", (_, skey, message) => {
    expect(() => parseSignerKey(skey)).toThrow(message);
  });
});
