import { describe, expect, it } from "vitest";
import { formatCheckpoint } from "@/core/checkpoint";
import { signCosignature } from "@/core/cosignature";
import { decodeBase64 } from "@/core/encoding";
import { createMemoryHashReader, generateInclusionProof, merkleTreeHash } from "@/core/merkle";
import {
  createNoteSigner,
  createNoteVerifier,
  formatSignatureLine,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  signNote,
} from "@/core/note";
import { formatTlogProof, parseTlogProof, verifyTlogProof } from "@/core/tlog-proof";
import { makeLeaves } from "../merkle/reference-merkle";

// The example of c2sp.org/tlog-proof (signatures elided there with "[...]": parsing the proof does
// not parse the checkpoint's signatures).
const EXAMPLE = `c2sp.org/tlog-proof@v1
extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ
index 73894
gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=
B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=
EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=
RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=
AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=

example.com/fancylog
109482
sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=

— example.com/fancylog hI2DJw[...]1roloI=
— witness1.example mJirIklj[...]qY9v2B/5bg==
— witness2.example TnKKVHLX[...]xwYwrSjgow==
— witness3.example S4X82uH5[...]3oEcROGLFQ==
`;

describe("parseTlogProof", () => {
  it("parses the spec example", () => {
    const proof = parseTlogProof(EXAMPLE);
    expect(proof.index).toBe(73894n);
    expect(new TextDecoder().decode(proof.extra)).toMatch(/^age-v1\.2\.1-darwin-arm64\.tar\.gz/);
    expect(proof.proof).toHaveLength(5);
    expect(proof.proof[0]).toEqual(decodeBase64("gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ="));
    expect(proof.checkpoint).toMatch(/^example\.com\/fancylog\n109482\n/);
    expect(proof.checkpoint.endsWith("3oEcROGLFQ==\n")).toBe(true);
  });

  const tail =
    "\nexample.com/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— example.com/log AAAAAAA=\n";
  const hash = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  it.each<[string, string, RegExp]>([
    ["a wrong header", `c2sp.org/tlog-proof@v2\nindex 0\n${tail}`, /must start with/],
    ["a missing index", `c2sp.org/tlog-proof@v1\n${hash}\n${tail}`, /"index <n>" line/],
    ["an index with a leading zero", `c2sp.org/tlog-proof@v1\nindex 01\n${tail}`, /no leading zeroes/],
    ["an index of 2^64", `c2sp.org/tlog-proof@v1\nindex 18446744073709551616\n${tail}`, /at most/],
    ["two spaces after index", `c2sp.org/tlog-proof@v1\nindex  1\n${tail}`, /no leading zeroes/],
    ["extra after index", `c2sp.org/tlog-proof@v1\nindex 1\nextra AA==\n${tail}`, /tlog proof hash 0/],
    ["invalid extra data", `c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n${tail}`, /extra data/],
    ["a short hash", `c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n${tail}`, /must be 32 bytes/],
    ["a non-base64 hash", `c2sp.org/tlog-proof@v1\nindex 1\nnot base64\n${tail}`, /base64/],
    ["65 hashes", `c2sp.org/tlog-proof@v1\nindex 1\n${`${hash}\n`.repeat(65)}${tail}`, /more than 64/],
    ["no empty line", `c2sp.org/tlog-proof@v1\nindex 1\n${hash}`, /empty line before the checkpoint/],
    ["nothing after the proof", `c2sp.org/tlog-proof@v1\nindex 1\n${hash}\n`, /end with a checkpoint/],
    ["no checkpoint", "c2sp.org/tlog-proof@v1\nindex 1\n\n", /end with a checkpoint/],
    [
      "a checkpoint without final newline",
      `c2sp.org/tlog-proof@v1\nindex 1\n${tail.slice(0, -1)}`,
      /end with a checkpoint/,
    ],
    ["CRLF line endings", `c2sp.org/tlog-proof@v1\r\nindex 1\r\n${tail}`, /control character/],
  ])("rejects %s", (_, text, message) => {
    expect(() => parseTlogProof(text)).toThrow(message);
  });
});

describe("formatTlogProof and verifyTlogProof", () => {
  const origin = "plaza.example/log";
  const log = createNoteSigner(origin, SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(1));
  const logVerifier = createNoteVerifier(origin, SIGNATURE_TYPE_ED25519, log.publicKey);
  const witnesses = [2, 3, 4].map((n) =>
    createNoteSigner(`w${n}.example`, SIGNATURE_TYPE_COSIGNATURE_V1, new Uint8Array(32).fill(n)),
  );
  const witnessVerifiers = witnesses.map((w) =>
    createNoteVerifier(w.name, SIGNATURE_TYPE_COSIGNATURE_V1, w.publicKey),
  );
  const leaves = makeLeaves(11, 3);
  const body = formatCheckpoint({ origin, size: 11n, rootHash: merkleTreeHash(leaves) });
  const checkpoint =
    signNote(body, [log]) +
    witnesses
      .slice(0, 2)
      .map((signer) => formatSignatureLine(signCosignature({ signer, text: body, timestamp: 1700000000n })))
      .join("");

  const receipt = async (index: number, extra?: Uint8Array) =>
    formatTlogProof({
      index: BigInt(index),
      proof: await generateInclusionProof({
        index: BigInt(index),
        size: 11n,
        readHashes: createMemoryHashReader(leaves),
      }),
      checkpoint,
      ...(extra ? { extra } : {}),
    });

  it("round-trips through parseTlogProof", async () => {
    const text = await receipt(7, Uint8Array.of(1, 2, 3));
    const parsed = parseTlogProof(text);
    expect(parsed.index).toBe(7n);
    expect(parsed.extra).toEqual(Uint8Array.of(1, 2, 3));
    expect(parsed.checkpoint).toBe(checkpoint);
    expect(formatTlogProof(parsed)).toBe(text);
  });

  it("verifies a receipt signed by the log and cosigned by a quorum of witnesses", async () => {
    const text = await receipt(7);
    const params = { proof: text, leafHash: leaves[7] as Uint8Array, origin, logVerifiers: [logVerifier] };
    expect(verifyTlogProof(params)?.index).toBe(7n);
    expect(verifyTlogProof({ ...params, witnesses: witnessVerifiers, witnessQuorum: 2 })?.index).toBe(7n);
  });

  it("returns null for a wrong leaf, origin, index, proof hash, log key or too few cosignatures", async () => {
    const text = await receipt(7);
    const params = { proof: text, leafHash: leaves[7] as Uint8Array, origin, logVerifiers: [logVerifier] };
    expect(verifyTlogProof({ ...params, leafHash: leaves[6] as Uint8Array })).toBeNull();
    expect(verifyTlogProof({ ...params, origin: "plaza.example/other" })).toBeNull();
    expect(verifyTlogProof({ ...params, proof: text.replace("index 7", "index 6") })).toBeNull();
    expect(verifyTlogProof({ ...params, proof: text.replace("index 7", "index 11") })).toBeNull();
    const impostor = createNoteSigner(origin, SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(9));
    const impostorVerifier = createNoteVerifier(origin, SIGNATURE_TYPE_ED25519, impostor.publicKey);
    expect(verifyTlogProof({ ...params, logVerifiers: [impostorVerifier] })).toBeNull();
    expect(verifyTlogProof({ ...params, witnesses: witnessVerifiers, witnessQuorum: 3 })).toBeNull();
    // Only cosigner keys count toward the quorum: listing the log's key as a witness is an error.
    expect(() => verifyTlogProof({ ...params, witnesses: [logVerifier], witnessQuorum: 1 })).toThrow(
      /log key/,
    );
    const parsed = parseTlogProof(text);
    const flipped = parsed.proof.map((h, i) =>
      i === 1 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h,
    );
    expect(verifyTlogProof({ ...params, proof: formatTlogProof({ ...parsed, proof: flipped }) })).toBeNull();
  });

  it("rejects malformed arguments", async () => {
    const text = await receipt(1);
    const params = { proof: text, leafHash: leaves[1] as Uint8Array, origin, logVerifiers: [logVerifier] };
    expect(() => verifyTlogProof({ ...params, leafHash: new Uint8Array(31) })).toThrow(
      /leafHash must be 32 bytes/,
    );
    expect(() => verifyTlogProof({ ...params, witnessQuorum: 1 })).toThrow(/witnessQuorum/);
    expect(() => formatTlogProof({ index: -1n, proof: [], checkpoint })).toThrow(/index must be in/);
    expect(() => formatTlogProof({ index: 0n, proof: [], checkpoint: "not a note\n" })).toThrow(TypeError);
    expect(() => formatTlogProof({ index: 0n, proof: [new Uint8Array(31)], checkpoint })).toThrow(
      /proof\[0\]/,
    );
  });
});
