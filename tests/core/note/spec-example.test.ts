import { describe, expect, it } from "vitest";
import { formatKeyId, openNote, parseSignerKey, parseVerifierKey, signNote } from "@/core/note";

// The example key and signed note of golang.org/x/mod/sumdb/note (package doc and note_test.go),
// the implementation c2sp.org/signed-note standardises. Copied exactly: Ed25519 is deterministic,
// so signing the same text with the same key must reproduce the same bytes.
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG =
  "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
const SIGNED = `If you think cryptography is the answer to your problem,
then you don't know what your problem is.

— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=
`;

/** Go slices these strings by byte; the em dash is 3 UTF-8 bytes but 1 UTF-16 unit. */
function insertAtByte(line: string, byte: number, insert: string): string {
  const at = byte - 2;
  return line.slice(0, at) + insert + line.slice(at);
}

describe("the sumdb/note example", () => {
  it("verifies the example signed note with the example verifier key", () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(peter.name).toBe("PeterNeumann");
    expect(formatKeyId(peter.keyId)).toBe("c74f20a3");
    const opened = openNote(SIGNED, [peter]);
    expect(opened?.text).toBe(TEXT);
    expect(opened?.verified.map((s) => [s.name, s.keyId])).toEqual([["PeterNeumann", 0xc74f20a3]]);
    expect(opened?.unverified).toEqual([]);
  });

  it("reproduces the example signed note byte for byte from the example signer key", () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SKEY)])).toBe(SIGNED);
  });

  it("separates verified from unknown signatures", () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const peter = parseVerifierKey(PETER_VKEY);
    const enoch = parseVerifierKey(ENOCH_VKEY);
    const one = openNote(note, [peter]);
    expect(one?.verified.map((s) => s.name)).toEqual(["PeterNeumann"]);
    expect(one?.unverified.map((s) => [s.name, s.keyId])).toEqual([["EnochRoot", 0xaf0cfe78]]);
    const both = openNote(note, [peter, enoch]);
    expect(both?.verified.map((s) => s.name)).toEqual(["PeterNeumann", "EnochRoot"]);
    expect(both?.unverified).toEqual([]);
  });

  it("rejects a note no known key signed", () => {
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [])).toBeNull();
    expect(openNote(`${TEXT}\n${ENOCH_SIG}`, [parseVerifierKey(PETER_VKEY)])).toBeNull();
  });

  it("rejects the whole note when a known key's signature is corrupted", () => {
    const bad = insertAtByte(PETER_SIG, 60, "ABCD");
    expect(openNote(`${TEXT}\n${bad}`, [parseVerifierKey(PETER_VKEY)])).toBeNull();
    // Even next to a valid signature by the same key.
    expect(openNote(`${TEXT}\n${PETER_SIG}${bad}`, [parseVerifierKey(PETER_VKEY)])).toBeNull();
  });

  it("collapses repeated signatures and keeps distinct unknown ones", () => {
    const enochABCD = insertAtByte(ENOCH_SIG, 60, "ABCD");
    expect(enochABCD).toContain("rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+");
    const note = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochABCD}`;
    const opened = openNote(note, [parseVerifierKey(PETER_VKEY)]);
    expect(opened?.verified).toHaveLength(1);
    expect(opened?.unverified).toHaveLength(2);
  });

  it("rejects a verifier list with two keys of the same name and ID", () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(() => openNote(SIGNED, [peter, parseVerifierKey(PETER_VKEY)])).toThrow(/duplicates the key/);
  });

  it("rejects more than 100 signatures", () => {
    expect(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [parseVerifierKey(PETER_VKEY)])).toThrow(
      /more than 100/,
    );
  });

  it("rejects every truncation and every single-character change of the verifier key", () => {
    let accepted = 0;
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i === 0 && j === PETER_VKEY.length) continue;
        try {
          parseVerifierKey(PETER_VKEY.slice(i, j));
          accepted++;
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const mangled =
        PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      expect(() => parseVerifierKey(mangled), mangled).toThrow(TypeError);
    }
    expect(accepted).toBe(0);
  });

  it("rejects a key of the wrong length or an unknown algorithm even with a matching key ID", () => {
    // From note_test.go: key IDs adjusted to match the bad keys, so only the key check can fail.
    // (Go's lenient base64 decodes "BADKEY==" and then rejects the length; ours already rejects its
    // non-zero padding bits.)
    expect(() =>
      parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="),
    ).toThrow(TypeError);
    expect(() =>
      parseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
    ).toThrow(/unsupported signature type 0x65/);
  });

  it("rejects every truncation and every single-character change of the signer key", () => {
    for (let i = 0; i <= PETER_SKEY.length; i++) {
      for (let j = i + 1; j <= PETER_SKEY.length; j++) {
        if (i === 0 && j === PETER_SKEY.length) continue;
        expect(() => parseSignerKey(PETER_SKEY.slice(i, j))).toThrow(TypeError);
      }
    }
    for (let i = 0; i < PETER_SKEY.length; i++) {
      const mangled =
        PETER_SKEY.slice(0, i) + String.fromCharCode(PETER_SKEY.charCodeAt(i) + 1) + PETER_SKEY.slice(i + 1);
      expect(() => parseSignerKey(mangled), mangled).toThrow(TypeError);
    }
  });
});
