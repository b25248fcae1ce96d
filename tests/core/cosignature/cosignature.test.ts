import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { formatCheckpoint } from "@/core/checkpoint";
import {
  cosignatureMessage,
  createCosignatureVerifier,
  MAX_COSIGNATURE_TIMESTAMP,
  parseCosignature,
  signCosignature,
} from "@/core/cosignature";
import { decodeBase64 } from "@/core/encoding";
import {
  createNoteSigner,
  formatSignatureLine,
  openNote,
  parseSignatureLine,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  signNote,
} from "@/core/note";

const BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const bytes = (s: string) => new TextEncoder().encode(s);

const log = createNoteSigner(
  "example.com/behind-the-sofa",
  SIGNATURE_TYPE_ED25519,
  new Uint8Array(32).fill(1),
);
const witness = createNoteSigner(
  "witness.example/w1",
  SIGNATURE_TYPE_COSIGNATURE_V1,
  new Uint8Array(32).fill(2),
);
const witnessVerifier = createCosignatureVerifier(witness.name, witness.publicKey);

describe("cosignatureMessage", () => {
  it("is the spec's example message", () => {
    const message = cosignatureMessage(bytes(BODY), 1679315147n);
    expect(new TextDecoder().decode(message)).toBe(
      "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
    );
  });
});

describe("parseCosignature", () => {
  it("reads the timestamp of the spec's example cosignature line", () => {
    // c2sp.org/tlog-cosignature example: signed at time 1679315147, as its message example shows.
    const line =
      "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";
    const signature = parseSignatureLine(line);
    expect(signature.keyId).toBe(0x8d66cf3f);
    expect(parseCosignature(signature.signature).timestamp).toBe(1679315147n);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ["71 bytes", new Uint8Array(71), /must be 72 bytes/],
    ["73 bytes", new Uint8Array(73), /must be 72 bytes/],
    ["a timestamp of 2^63", Uint8Array.from([0x80, ...new Uint8Array(71)]), /must not exceed 2\^63 - 1/],
  ])("rejects %s", (_, input, message) => {
    expect(() => parseCosignature(input)).toThrow(message);
  });
});

describe("signCosignature", () => {
  const signed = signNote(BODY, [log]);

  it("cosigns a checkpoint so that openNote verifies it with the witness key", () => {
    const cosig = signCosignature({ signer: witness, text: BODY, timestamp: 1700000000n });
    expect(cosig.keyId).toBe(witnessVerifier.keyId);
    expect(parseCosignature(cosig.signature).timestamp).toBe(1700000000n);
    const note = signed + formatSignatureLine(cosig);
    const opened = openNote(note, [witnessVerifier]);
    expect(opened?.verified.map((s) => s.name)).toEqual(["witness.example/w1"]);
    expect(opened?.unverified.map((s) => s.name)).toEqual(["example.com/behind-the-sofa"]);
  });

  it("accepts the extreme timestamps 0 and 2^63 - 1", () => {
    for (const timestamp of [0n, MAX_COSIGNATURE_TIMESTAMP]) {
      const cosig = signCosignature({ signer: witness, text: BODY, timestamp });
      expect(openNote(signed + formatSignatureLine(cosig), [witnessVerifier])).not.toBeNull();
    }
  });

  it("fails verification if the timestamp, the text or the key type is changed", () => {
    const cosig = signCosignature({ signer: witness, text: BODY, timestamp: 1700000000n });
    const later = Uint8Array.from(cosig.signature);
    later[7] = (later[7] as number) + 1;
    expect(
      openNote(signed + formatSignatureLine({ ...cosig, signature: later }), [witnessVerifier]),
    ).toBeNull();
    const other = formatCheckpoint({
      origin: "example.com/behind-the-sofa",
      size: 1n,
      rootHash: new Uint8Array(32),
    });
    expect(openNote(signNote(other, [log]) + formatSignatureLine(cosig), [witnessVerifier])).toBeNull();
    // A timestamp above 2^63 - 1 is rejected even before checking the signature.
    const huge = Uint8Array.from(cosig.signature);
    huge[0] = 0x80;
    expect(
      openNote(signed + formatSignatureLine({ ...cosig, signature: huge }), [witnessVerifier]),
    ).toBeNull();
  });

  it("does not accept a plain Ed25519 note signature by the same key as a cosignature", () => {
    const plain = createNoteSigner(witness.name, SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(2));
    const note = signNote(BODY, [plain]);
    // Same name, but the key ID commits to the type byte, so the line is simply unknown...
    expect(openNote(note, [witnessVerifier])).toBeNull();
    // ...and forcing the cosigner's key ID onto it does not make it verify.
    const line = parseSignatureLine(note.split("\n")[4] as string);
    const forged = formatSignatureLine({ ...line, keyId: witnessVerifier.keyId });
    expect(openNote(`${BODY}\n${forged}`, [witnessVerifier])).toBeNull();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a note-signing key", { signer: log }, /cosignature\/v1 key/],
    ["a number timestamp", { timestamp: 1 }, /timestamp must be a bigint/],
    ["a negative timestamp", { timestamp: -1n }, /timestamp must be in/],
    ["a timestamp of 2^63", { timestamp: 1n << 63n }, /timestamp must be in/],
    ["a text without final newline", { text: BODY.slice(0, -1) }, /end with a newline/],
    ["a text with a control character", { text: `\u0007${BODY}` }, /control character/],
  ])("rejects %s", (_, change, message) => {
    const base = { signer: witness, text: BODY, timestamp: 1n };
    expect(() => signCosignature({ ...base, ...change } as typeof base)).toThrow(message);
  });

  it("has the key ID SHA-256(name || 0x0A || 0x04 || key)[:4]", () => {
    const key = decodeBase64("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").slice(1);
    const digest = sha256(Uint8Array.from([...bytes("witness.example/w1"), 0x0a, 0x04, ...key]));
    const v = createCosignatureVerifier("witness.example/w1", key);
    expect(v.type).toBe(0x04);
    expect(v.keyId).toBe(new DataView(digest.buffer).getUint32(0));
  });
});
