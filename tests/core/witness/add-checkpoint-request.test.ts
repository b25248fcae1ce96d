import { describe, expect, it } from "vitest";
import { decodeBase64 } from "@/core/encoding";
import { formatAddCheckpointRequest, parseAddCheckpointRequest } from "@/core/witness";

// c2sp.org/tlog-witness example request body.
const CHECKPOINT = `example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
`;
const EXAMPLE = `old 20852014
PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

${CHECKPOINT}`;

describe("parseAddCheckpointRequest and formatAddCheckpointRequest", () => {
  it("parses the spec example and formats it back byte for byte", () => {
    const request = parseAddCheckpointRequest(EXAMPLE);
    expect(request.oldSize).toBe(20852014n);
    expect(request.proof).toHaveLength(4);
    expect(request.proof[3]).toEqual(decodeBase64("/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0="));
    expect(request.checkpoint).toBe(CHECKPOINT);
    expect(formatAddCheckpointRequest(request)).toBe(EXAMPLE);
  });

  it("handles old size 0 with an empty proof", () => {
    const body = formatAddCheckpointRequest({ oldSize: 0n, proof: [], checkpoint: CHECKPOINT });
    expect(body).toBe(`old 0\n\n${CHECKPOINT}`);
    expect(parseAddCheckpointRequest(body)).toEqual({ oldSize: 0n, proof: [], checkpoint: CHECKPOINT });
  });

  const hash = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=";
  it.each<[string, string, RegExp]>([
    ["no old line", `${hash}\n\n${CHECKPOINT}`, /must start with "old <size>"/],
    ["a leading zero", `old 01\n\n${CHECKPOINT}`, /no leading zeroes/],
    ["an empty old size", `old \n\n${CHECKPOINT}`, /no leading zeroes/],
    ["a negative old size", `old -1\n\n${CHECKPOINT}`, /no leading zeroes/],
    ["a short hash", `old 1\nAAAA\n\n${CHECKPOINT}`, /32-byte hash/],
    ["64 proof lines", `old 1\n${`${hash}\n`.repeat(64)}\n${CHECKPOINT}`, /more than 63/],
    ["no empty line", `old 1\n${hash}`, /empty line before the checkpoint/],
    ["nothing after the proof", `old 1\n${hash}\n`, /end with a checkpoint/],
    ["no checkpoint", "old 1\n\n", /end with a checkpoint/],
    ["CRLF", `old 1\r\n\r\n${CHECKPOINT}`, /control character/],
  ])("rejects %s", (_, body, message) => {
    expect(() => parseAddCheckpointRequest(body)).toThrow(message);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a proof with old size 0", { oldSize: 0n, proof: [new Uint8Array(32)] }, /empty when oldSize is 0/],
    ["64 proof hashes", { proof: Array.from({ length: 64 }, () => new Uint8Array(32)) }, /at most 63/],
    ["a short proof hash", { proof: [new Uint8Array(31)] }, /proof\[0\] must be 32 bytes/],
    ["an unsigned checkpoint", { checkpoint: "example.com/x\n1\nAA==\n" }, /blank line/],
    ["a number old size", { oldSize: 1 }, /oldSize must be a bigint/],
  ])("format rejects %s", (_, change, message) => {
    const base = { oldSize: 1n, proof: [], checkpoint: CHECKPOINT };
    expect(() => formatAddCheckpointRequest({ ...base, ...change } as typeof base)).toThrow(message);
  });
});
