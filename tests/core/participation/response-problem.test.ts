import { describe, expect, it } from "vitest";
import { responseProblem } from "@/core/participation";
import { RESPONSE_STATUSES, type TResponseStatus } from "@/core/processes/process-rules";

const REASONS = "The bridge is replaced in 2028.";

describe("responseProblem", () => {
  // previous statuses (oldest first), the new status, its body, and the problem (null: allowed).
  const table: [readonly TResponseStatus[], TResponseStatus, string, string | null][] = [
    [[], "accepted", "", null],
    [[], "rejected", REASONS, null],
    [[], "rejected", "", "a rejection must give its reasons"],
    [[], "rejected", " \n ", "a rejection must give its reasons"],
    [[], "in_progress", "", null],
    [[], "implemented", "", "implemented only after it was accepted or in progress"],
    [["accepted"], "accepted", "", "already answered"],
    [["accepted"], "rejected", REASONS, "cannot be rejected afterwards"],
    [["accepted"], "in_progress", "", null],
    [["accepted"], "implemented", "", null],
    [["in_progress"], "accepted", "", "already answered"],
    [["in_progress"], "rejected", REASONS, "cannot be rejected afterwards"],
    [["in_progress"], "in_progress", "Half done.", null],
    [["in_progress"], "implemented", "", null],
    [["accepted", "in_progress", "in_progress"], "implemented", "", null],
    [["accepted", "in_progress"], "accepted", "", "already answered"],
    ...RESPONSE_STATUSES.map((s): [TResponseStatus[], TResponseStatus, string, string] => [
      ["rejected"],
      s,
      REASONS,
      "it takes no further response",
    ]),
    ...RESPONSE_STATUSES.map((s): [TResponseStatus[], TResponseStatus, string, string] => [
      ["accepted", "implemented"],
      s,
      REASONS,
      "already implemented",
    ]),
  ];

  it.each(table)("after [%s], %s %j", (previous, status, body, problem) => {
    const found = responseProblem(previous, status, body);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it("covers every status after every single previous status and none", () => {
    const seen = new Set(table.map(([previous, status]) => `${previous.at(-1) ?? "-"}>${status}`));
    for (const last of ["-", ...RESPONSE_STATUSES])
      for (const status of RESPONSE_STATUSES)
        expect(seen, `${last} then ${status}`).toContain(`${last}>${status}`);
  });
});
