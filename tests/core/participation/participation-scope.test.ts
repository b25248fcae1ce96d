import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldHash, pollScope } from "@/core/ballot";
import { SNARK_SCALAR_FIELD } from "@/core/entries";
import { participationScope, type TParticipationAct } from "@/core/participation";

const ORIGIN = "plaza.example.org";
const PROCESS = "00000000-0000-4000-8000-0000000000e5";
const PROPOSAL = "00000000-0000-4000-8000-0000000000f1";
const ACTS: readonly TParticipationAct[] = ["propose", "support", "comment"];

describe("participationScope", () => {
  it("is the field hash of plaza/<act>/v1, the origin, the target and the slot, one per line", () => {
    for (const act of ACTS) {
      const expected = fieldHash(new TextEncoder().encode(`plaza/${act}/v1\n${ORIGIN}\n${PROPOSAL}\n0`));
      expect(participationScope(ORIGIN, act, PROPOSAL, 0), act).toBe(expected);
    }
    expect(participationScope(ORIGIN, "propose", PROCESS, 3)).toBe(
      fieldHash(new TextEncoder().encode(`plaza/propose/v1\n${ORIGIN}\n${PROCESS}\n3`)),
    );
  });

  it("is a field element", () => {
    const scope = participationScope(ORIGIN, "comment", PROPOSAL, 7);
    expect(scope >= 0n && scope < SNARK_SCALAR_FIELD).toBe(true);
  });

  it("differs per act, slot, target and origin, and from the poll scope of the same id", () => {
    const scopes = [
      participationScope(ORIGIN, "propose", PROPOSAL, 0),
      participationScope(ORIGIN, "support", PROPOSAL, 0),
      participationScope(ORIGIN, "comment", PROPOSAL, 0),
      participationScope(ORIGIN, "comment", PROPOSAL, 1),
      participationScope(ORIGIN, "propose", PROCESS, 0),
      participationScope(ORIGIN, "propose", PROCESS, 1),
      participationScope(ORIGIN, "support", PROCESS, 0),
      participationScope("another.example.org", "propose", PROPOSAL, 0),
      participationScope("another.example.org", "support", PROPOSAL, 0),
      pollScope(ORIGIN, PROPOSAL),
    ];
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it("gives distinct scopes to distinct (act, target, slot) triples", () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const triple = fc.tuple(fc.constantFrom(...ACTS), id, fc.nat(50));
    fc.assert(
      fc.property(triple, triple, ([act1, id1, slot1], [act2, id2, slot2]) => {
        const s1 = act1 === "support" ? 0 : slot1;
        const s2 = act2 === "support" ? 0 : slot2;
        const same = act1 === act2 && id1 === id2 && s1 === s2;
        const equal = participationScope(ORIGIN, act1, id1, s1) === participationScope(ORIGIN, act2, id2, s2);
        return equal === same;
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["an empty origin", () => participationScope("", "support", PROPOSAL, 0), TypeError, "origin"],
    [
      "an origin over two lines",
      () => participationScope("a\nb", "support", PROPOSAL, 0),
      TypeError,
      "origin",
    ],
    [
      "an origin that is not a string",
      () => participationScope(1 as never, "support", PROPOSAL, 0),
      TypeError,
      "origin",
    ],
    ["an empty target", () => participationScope(ORIGIN, "support", "", 0), TypeError, "targetId"],
    [
      "a target over two lines",
      () => participationScope(ORIGIN, "comment", `${PROPOSAL}\n0`, 0),
      TypeError,
      "targetId",
    ],
    ["an unknown act", () => participationScope(ORIGIN, "vote" as never, PROPOSAL, 0), TypeError, "act"],
    [
      "a slot that is not a number",
      () => participationScope(ORIGIN, "comment", PROPOSAL, "1" as never),
      TypeError,
      "slot",
    ],
    ["a negative slot", () => participationScope(ORIGIN, "comment", PROPOSAL, -1), RangeError, "slot"],
    ["a fractional slot", () => participationScope(ORIGIN, "propose", PROCESS, 0.5), RangeError, "slot"],
    ["an unsafe slot", () => participationScope(ORIGIN, "propose", PROCESS, 2 ** 53), RangeError, "slot"],
    [
      "a support slot other than 0",
      () => participationScope(ORIGIN, "support", PROPOSAL, 1),
      RangeError,
      "slot",
    ],
  ] as const)("refuses %s", (_, call, error, names) => {
    expect(call).toThrow(error);
    expect(call).toThrow(names);
  });
});
