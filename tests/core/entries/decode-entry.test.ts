import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  decodeEntry,
  encodeEntry,
  LEDGER_ENTRY_TYPES,
  type TLedgerEntry,
} from "@/core/entries";

const D = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const P = "1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0";
const F = "12345678901234567890";
const proof = { root: F, depth: 16, nullifier: "42", scope: "7", message: "9", points: Array(8).fill("1") };
const council = { kind: "council", userId: "u1", name: "Ana Morales" } as const;
const time = "2026-11-24T08:00:00.000Z";

/** One valid example of every entry type: each must round-trip byte for byte. */
const examples: TLedgerEntry[] = [
  { v: 1, type: "district_created", districtId: D, slug: "riverside", name: "Riverside", time },
  { v: 1, type: "member_added", districtId: D, commitment: F, memberIndex: 0, root: F, size: 1 },
  {
    v: 1,
    type: "member_removed",
    districtId: D,
    memberIndex: 0,
    reason: "Moved away",
    root: "0",
    size: 1,
    time,
  },
  {
    v: 1,
    type: "poll_opened",
    pollId: P,
    districtId: D,
    title: "New park benches?",
    options: ["Yes", "No"],
    method: { kind: "approval", min: 1, max: 2 },
    opensAt: time,
    closesAt: time,
    scope: F,
    root: F,
    depth: 16,
    censusSize: 12,
    minAnonymitySet: 10,
  },
  { v: 1, type: "vote", pollId: P, ballot: [1], sequence: 0, proof },
  { v: 1, type: "poll_closed", pollId: P, counts: [3, 4], turnout: 7, censusSize: 12, ledgerSize: 40, time },
  {
    v: 1,
    type: "proposal",
    proposalId: P,
    processId: D,
    title: "Bike lane",
    body: "On **Main** street",
    category: "mobility",
    costEstimate: 12000,
    location: null,
    author: { kind: "anonymous", slot: 0, proof },
  },
  {
    v: 1,
    type: "process_started",
    processId: P,
    districtId: D,
    title: "Riverside budget 2027",
    description: "Spend 200,000 on the projects residents choose.",
    rules: {
      phases: [
        { kind: "proposals", startsAt: "2027-01-01T00:00:00.000Z", endsAt: "2027-02-01T00:00:00.000Z" },
        { kind: "support", startsAt: "2027-02-01T00:00:00.000Z", endsAt: "2027-03-01T00:00:00.000Z" },
        { kind: "ballot", startsAt: "2027-03-01T00:00:00.000Z", endsAt: "2027-03-15T00:00:00.000Z" },
        { kind: "results", startsAt: "2027-03-15T00:00:00.000Z", endsAt: "2027-04-15T00:00:00.000Z" },
        { kind: "follow_up", startsAt: "2027-04-15T00:00:00.000Z", endsAt: "2028-04-15T00:00:00.000Z" },
      ],
      proposalsPerResident: 2,
      commentsPerResident: 10,
      supportThreshold: 25,
      responseDeadline: "2027-04-01T00:00:00.000Z",
      ballot: { kind: "budget", budget: 200000 },
    },
    census: { root: F, depth: 4, size: 12 },
    time,
  },
  { v: 1, type: "process_phase", processId: P, phase: "support", time },
  { v: 1, type: "support", proposalId: P, proof },
  { v: 1, type: "proposal_advanced", proposalId: P, processId: D, supports: 25 },
  { v: 1, type: "response_overdue", processId: P, proposalIds: [P], time },
  { v: 1, type: "comment", commentId: D, proposalId: P, parentId: null, body: "Yes please", author: council },
  {
    v: 1,
    type: "response",
    proposalId: P,
    status: "accepted",
    body: "We will build it.",
    author: council,
    time,
  },
  {
    v: 1,
    type: "moderation",
    target: { kind: "comment", id: D },
    action: "hide",
    reason: "Insults",
    author: council,
    time,
  },
];

const text = (s: string) => new TextEncoder().encode(s);

describe("encodeEntry / decodeEntry", () => {
  it("has an example for every entry type", () => {
    expect(new Set(examples.map((e) => e.type))).toEqual(new Set(LEDGER_ENTRY_TYPES));
  });

  for (const entry of examples) {
    it(`round-trips a ${entry.type} entry byte for byte`, () => {
      const bytes = encodeEntry(entry);
      expect(decodeEntry(bytes)).toEqual(entry);
      expect(encodeEntry(decodeEntry(bytes))).toEqual(bytes);
      // Canonical: members sorted, no white space.
      const s = new TextDecoder().decode(bytes);
      expect(s).not.toMatch(/\s(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      expect(s.startsWith('{"')).toBe(true);
    });
  }

  const vote = canonicalJson(examples[4]);
  const hostile: [string, Uint8Array, RegExp][] = [
    ["empty bytes", new Uint8Array(0), /empty/],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), /UTF-8/],
    ["not JSON", text("{vote"), /not JSON/],
    ["a JSON array", text("[]"), /entry/],
    ["an unknown type", text('{"type":"coup","v":1}'), /type/],
    ["another version", text(vote.replace('"v":1', '"v":2')), /entry\.v/],
    ["an unknown member", text(vote.replace('{"ballot"', '{"x":1,"ballot"')), /entry/],
    ["white space", text(vote.replace('"ballot":', '"ballot": ')), /canonical/],
    ["unsorted members", text(`{"v":1,${vote.slice(1, -7)}}`), /canonical/],
    ["a duplicate member", text(vote.replace('{"ballot":[1]', '{"ballot":[2],"ballot":[1]')), /canonical/],
    [
      "a leading zero in a field element",
      text(vote.replace('"nullifier":"42"', '"nullifier":"042"')),
      /canonical decimal/,
    ],
    [
      "a signed field element",
      text(vote.replace('"nullifier":"42"', '"nullifier":"-42"')),
      /canonical decimal/,
    ],
    [
      "a field element with an exponent",
      text(vote.replace('"nullifier":"42"', '"nullifier":"1e3"')),
      /canonical decimal/,
    ],
    [
      "a hexadecimal point coordinate",
      text(vote.replace('"points":["1",', '"points":["0x1",')),
      /canonical decimal/,
    ],
    [
      "a field element at the modulus",
      text(
        vote.replace(
          '"nullifier":"42"',
          '"nullifier":"21888242871839275222246405745257275088548364400416034343698204186575808495617"',
        ),
      ),
      /field order/,
    ],
    ["a fractional number", text(vote.replace('"sequence":0', '"sequence":0.5')), /entry\.sequence/],
    ["1.0 for 1", text(vote.replace('"ballot":[1]', '"ballot":[1.0]')), /canonical/],
    ["a depth of 33", text(vote.replace('"depth":16', '"depth":33')), /depth/],
    ["a depth of 0", text(vote.replace('"depth":16', '"depth":0')), /depth/],
    ["seven proof points", text(vote.replace('"points":["1",', '"points":[')), /points/],
    ["a byte order mark", text(`\uFEFF${vote}`), /JSON|canonical/],
    ["more than 64 KiB", new Uint8Array(70_000).fill(0x20), /at most/],
  ];
  for (const [label, bytes, reason] of hostile) {
    it(`refuses ${label}`, () => {
      expect(() => decodeEntry(bytes)).toThrow(reason);
    });
  }

  it("accepts proof point coordinates between r and p (they are base-field elements), not p itself", () => {
    const r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
    const pMinus1 = "21888242871839275222246405745257275088696311157297823662689037894645226208582";
    const p = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
    const withPoint = (x: string) =>
      ({
        ...(examples[4] as object),
        proof: { ...proof, points: [x, ...Array(7).fill("1")] },
      }) as TLedgerEntry;
    expect(decodeEntry(encodeEntry(withPoint(r)))).toEqual(withPoint(r));
    expect(decodeEntry(encodeEntry(withPoint(pMinus1)))).toEqual(withPoint(pMinus1));
    expect(() => encodeEntry(withPoint(p))).toThrow(/base field/);
  });

  it("refuses to encode an invalid entry, naming the field", () => {
    expect(() => encodeEntry({ ...(examples[4] as object), sequence: -1 } as TLedgerEntry)).toThrow(
      /entry\.sequence/,
    );
  });
});

describe("canonicalJson", () => {
  it("matches RFC 8785 ordering and escaping for the subset entries use", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "é\n\u0001"], "\u00e9": 0, A: 2 })).toBe(
      '{"A":2,"a":[true,null,"é\\n\\u0001"],"b":1,"é":0}',
    );
  });
  it.each([[1.5], [Number.NaN], [2 ** 60], [undefined], [new Date(0)]])("refuses %s", (v) => {
    expect(() => canonicalJson({ x: v })).toThrow(TypeError);
  });
});
