import { describe, expect, it } from "vitest";
import { councilPollPhase, isEditablePhase } from "@/app/dashboard/_lib/poll-phase";

const now = new Date("2030-05-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe("councilPollPhase", () => {
  it.each([
    ["a scheduled poll opening later", "scheduled", at(60_000), "scheduled", true],
    ["a scheduled poll whose opening time has come (census too small)", "scheduled", at(0), "waiting", true],
    ["a scheduled poll past its opening time", "scheduled", at(-3_600_000), "waiting", true],
    ["an open poll", "open", at(-60_000), "open", false],
    ["a closed poll", "closed", at(-7_200_000), "closed", false],
  ] as const)("calls %s %s", (_label, status, opensAt, phase, editable) => {
    const p = councilPollPhase({ status, opensAt }, now);
    expect(p).toBe(phase);
    expect(isEditablePhase(p)).toBe(editable);
  });
});
