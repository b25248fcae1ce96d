import { Group, generateProof, Identity, verifyProof } from "@semaphore-protocol/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotMessage, fieldHash, latestVotes, pollScope, tallyVotes, validateBallot } from "@/core/ballot";
import { SNARK_SCALAR_FIELD } from "@/core/entries";
import { artifactPath } from "@/server/zk/artifact-path";

describe("validateBallot", () => {
  const cases: [string, Parameters<typeof validateBallot>[0], number, number[], boolean][] = [
    ["single: one option", { kind: "single" }, 3, [2], true],
    ["single: none", { kind: "single" }, 3, [], false],
    ["single: two", { kind: "single" }, 3, [0, 1], false],
    ["single: out of range", { kind: "single" }, 3, [3], false],
    ["single: negative", { kind: "single" }, 3, [-1], false],
    ["single: fraction", { kind: "single" }, 3, [0.5], false],
    ["approval: within limits", { kind: "approval", min: 1, max: 2 }, 4, [0, 3], true],
    ["approval: too many", { kind: "approval", min: 1, max: 2 }, 4, [0, 1, 2], false],
    ["approval: too few", { kind: "approval", min: 2, max: 3 }, 4, [1], false],
    ["approval: not increasing", { kind: "approval", min: 1, max: 3 }, 4, [2, 1], false],
    ["approval: repeated", { kind: "approval", min: 1, max: 3 }, 4, [1, 1], false],
    ["approval: empty allowed when min 0", { kind: "approval", min: 0, max: 3 }, 4, [], true],
    ["ranked: a ranking", { kind: "ranked", maxRanks: 3 }, 4, [3, 0, 2], true],
    ["ranked: repeated", { kind: "ranked", maxRanks: 3 }, 4, [3, 3], false],
    ["ranked: too long", { kind: "ranked", maxRanks: 2 }, 4, [3, 0, 2], false],
    ["ranked: empty", { kind: "ranked", maxRanks: 2 }, 4, [], false],
    ["budget: within budget", { kind: "budget", budget: 100, costs: [60, 40, 30] }, 3, [0, 1], true],
    ["budget: over budget", { kind: "budget", budget: 100, costs: [60, 40, 30] }, 3, [0, 1, 2], false],
    ["budget: unsorted", { kind: "budget", budget: 100, costs: [60, 40, 30] }, 3, [1, 0], false],
  ];
  it.each(cases)("%s", (_label, method, options, ballot, ok) => {
    expect(validateBallot(method, options, ballot).ok).toBe(ok);
  });
});

describe("fieldHash, pollScope and ballotMessage", () => {
  it("fieldHash is keccak256 >> 8, as Semaphore derives field elements (published keccak-256 vectors)", () => {
    const vectors: [string, string][] = [
      ["", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"],
      ["abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"],
    ];
    for (const [input, digest] of vectors) {
      expect(fieldHash(new TextEncoder().encode(input)), input).toBe(BigInt(`0x${digest}`) >> 8n);
    }
  });

  it("gives distinct messages for distinct ballots or sequences, all below the field order", () => {
    const seen = new Set<bigint>();
    for (const ballot of [[0], [1], [0, 1], [1, 0]]) {
      for (const seq of [0, 1, 2]) {
        const m = ballotMessage(ballot, seq);
        expect(m < SNARK_SCALAR_FIELD).toBe(true);
        seen.add(m);
      }
    }
    expect(seen.size).toBe(12);
    expect(ballotMessage([1], 0)).toBe(ballotMessage([1], 0));
  });

  it("binds the scope to the deployment's log origin", () => {
    expect(pollScope("a.example", "p1")).not.toBe(pollScope("b.example", "p1"));
    expect(() => pollScope("a\nb", "p1")).toThrow(TypeError);
  });

  it("works as Semaphore's message and scope: a real proof verifies, and not for another ballot", async () => {
    const members = [new Identity(), new Identity()];
    const group = new Group(members.map((m) => m.commitment));
    const scope = pollScope("plaza.test", "poll-1");
    const message = ballotMessage([1], 0);
    const snarkArtifacts = { wasm: artifactPath(1, "wasm"), zkey: artifactPath(1, "zkey") };
    const proof = await generateProof(members[0] as Identity, group, message, scope, 1, snarkArtifacts);
    expect(proof.message).toBe(message.toString());
    expect(proof.scope).toBe(scope.toString());
    expect(await verifyProof(proof)).toBe(true);
    expect(await verifyProof({ ...proof, message: ballotMessage([0], 0).toString() })).toBe(false);
  });
});

describe("tallyVotes", () => {
  const single = { kind: "single" } as const;
  it("counts each voter's latest vote only", () => {
    const t = tallyVotes(single, 3, [
      { index: 10n, nullifier: "a", sequence: 0, ballot: [0] },
      { index: 11n, nullifier: "b", sequence: 0, ballot: [1] },
      { index: 12n, nullifier: "a", sequence: 1, ballot: [2] },
      { index: 13n, nullifier: "c", sequence: 0, ballot: [2] },
    ]);
    expect(t).toEqual({ counts: [0, 1, 2], turnout: 3, counted: [11n, 12n, 13n] });
  });

  it("ignores a later entry whose sequence is not higher (a replayed old proof)", () => {
    const t = tallyVotes(single, 2, [
      { index: 1n, nullifier: "a", sequence: 0, ballot: [0] },
      { index: 2n, nullifier: "a", sequence: 1, ballot: [1] },
      { index: 3n, nullifier: "a", sequence: 0, ballot: [0] },
    ]);
    expect(t.counts).toEqual([0, 1]);
  });

  it("counts approvals per option", () => {
    const t = tallyVotes({ kind: "approval", min: 1, max: 2 }, 3, [
      { index: 1n, nullifier: "a", sequence: 0, ballot: [0, 2] },
      { index: 2n, nullifier: "b", sequence: 0, ballot: [2] },
    ]);
    expect(t.counts).toEqual([1, 0, 2]);
    expect(t.turnout).toBe(2);
  });

  it("refuses to count an invalid ballot, naming its index", () => {
    expect(() => tallyVotes(single, 2, [{ index: 7n, nullifier: "a", sequence: 0, ballot: [5] }])).toThrow(
      /index 7/,
    );
  });

  it("does not depend on the order votes are given in (property)", () => {
    const vote = fc.record({
      nullifier: fc.constantFrom("a", "b", "c", "d"),
      sequence: fc.integer({ min: 0, max: 5 }),
      ballot: fc.constantFrom([0], [1], [2]),
    });
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 30 }), (raw) => {
        const votes = raw.map((v, i) => ({ ...v, index: BigInt(i) }));
        const a = tallyVotes(single, 3, votes);
        const b = tallyVotes(single, 3, [...votes].reverse());
        expect(b).toEqual(a);
        expect(a.turnout).toBe(new Set(raw.map((v) => v.nullifier)).size);
        expect(latestVotes(votes).length).toBe(a.turnout);
      }),
    );
  });
});
