import { afterEach, describe, expect, it } from "vitest";
import {
  fromLocalInput,
  instantOf,
  pollFieldErrors,
  pollIssueField,
  pollIssuesFromServerMessage,
  toLocalInput,
} from "@/app/_components/council-poll-form-model";
import { pollInputSchema, type TPollInput, ZPollInput } from "@/core/polls/poll-input";
import { ZCreatePollInput } from "@/server/services/polls/create-poll";

const hour = 3_600_000;
function rules(over: Partial<TPollInput> = {}): TPollInput {
  return {
    title: "Benches",
    description: "",
    options: ["Yes", "No"],
    method: { kind: "single" },
    opensAt: new Date(Date.now() + hour),
    closesAt: new Date(Date.now() + 2 * hour),
    ...over,
  };
}

function fieldErrorsOf(over: Partial<TPollInput>) {
  const r = ZPollInput.safeParse(rules(over));
  if (r.success) throw new Error("the rules were accepted");
  return pollFieldErrors(r.error.issues);
}

describe("pollFieldErrors", () => {
  it.each<[string, Partial<TPollInput>, Record<string, string>]>([
    ["a short title", { title: "ab" }, { title: "titleLength" }],
    ["a long description", { description: "x".repeat(10_001) }, { description: "descriptionTooLong" }],
    ["one option", { options: ["Only"] }, { options: "optionsTooFew" }],
    ["65 options", { options: Array.from({ length: 65 }, (_, i) => `o${i}`) }, { options: "optionsTooMany" }],
    ["the same option twice", { options: ["Yes", "yes"] }, { options: "optionsDuplicate" }],
    ["an empty third option", { options: ["Yes", "No", " "] }, { "options.2": "optionEmpty" }],
    ["an option too long", { options: ["Yes", "n".repeat(201)] }, { "options.1": "optionTooLong" }],
    [
      "approval min above max",
      { method: { kind: "approval", min: 2, max: 1 } },
      { "method.min": "minAboveMax" },
    ],
    [
      "approval max above the options",
      { method: { kind: "approval", min: 1, max: 3 } },
      { "method.max": "maxAboveOptions" },
    ],
    [
      "an empty approval min",
      { method: { kind: "approval", min: Number.NaN, max: 1 } },
      { "method.min": "minInvalid" },
    ],
    [
      "an approval max of 0",
      { method: { kind: "approval", min: 0, max: 0 } },
      { "method.max": "maxInvalid" },
    ],
    ["no opening time", { opensAt: new Date(Number.NaN) }, { opensAt: "dateRequired" }],
    ["an opening in the past", { opensAt: new Date(Date.now() - hour) }, { opensAt: "opensInPast" }],
    [
      "a closing before the opening",
      { closesAt: new Date(Date.now() + hour / 2) },
      { closesAt: "closesBeforeOpens" },
    ],
    ["an anonymity set of 1", { minAnonymitySet: 1 }, { minAnonymitySet: "anonymitySetRange" }],
    ["an empty anonymity set", { minAnonymitySet: Number.NaN }, { minAnonymitySet: "anonymitySetRange" }],
  ])("puts %s next to its field", (_label, over, expected) => {
    expect(fieldErrorsOf(over)).toEqual(expected);
  });

  it("reports several fields at once, one message each", () => {
    expect(Object.keys(fieldErrorsOf({ title: "", options: ["", ""], minAnonymitySet: 0 })).sort()).toEqual([
      "minAnonymitySet",
      "options.0",
      "options.1",
      "title",
    ]);
  });

  it("keeps an issue outside the poll's fields on the form as a whole", () => {
    expect(pollIssueField({ path: [], code: "custom" })).toBe("form");
  });
});

describe("pollIssuesFromServerMessage", () => {
  it("reads the issues of a refused poll.create input, relative to the poll", () => {
    const r = ZCreatePollInput.safeParse({
      districtId: "00000000-0000-4000-8000-000000000000",
      poll: rules({ title: "x", method: { kind: "approval", min: 0, max: 5 } }),
    });
    if (r.success) throw new Error("accepted");
    // tRPC sends the ZodError's message as the error message of an input validation failure.
    const issues = pollIssuesFromServerMessage(r.error.message);
    expect(issues && pollFieldErrors(issues)).toEqual({
      title: "titleLength",
      "method.max": "maxAboveOptions",
    });
  });

  it.each([
    ["plain text", "Something went wrong"],
    ["JSON that is not a list", '{"path":["poll","title"]}'],
    ["a list without paths", '[{"code":"custom"}]'],
    ["issues outside the poll only", '[{"path":["districtId"],"code":"invalid_format"}]'],
  ])("returns null for %s", (_label, message) => {
    expect(pollIssuesFromServerMessage(message)).toBeNull();
  });
});

describe("datetime-local conversion", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each([
    ["America/New_York", "2030-01-15T09:30", "2030-01-15T14:30:00.000Z"],
    ["America/New_York", "2030-07-15T09:30", "2030-07-15T13:30:00.000Z"],
    ["Asia/Shanghai", "2030-01-15T09:30", "2030-01-15T01:30:00.000Z"],
    ["Europe/Madrid", "2030-03-31T12:00", "2030-03-31T10:00:00.000Z"],
    ["UTC", "2030-12-31T23:59", "2030-12-31T23:59:00.000Z"],
  ])("reads %s wall-clock %s as %s, and writes it back", (zone, local, iso) => {
    process.env.TZ = zone;
    const instant = fromLocalInput(local);
    expect(instant.toISOString()).toBe(iso);
    expect(toLocalInput(instant)).toBe(local);
  });

  it.each(["", "2030-01-15", "15/01/2030 09:30", "2030-01-15T09:30Z", "2030-01-15T09:30+02:00"])(
    "turns %j into an Invalid Date",
    (value) => {
      expect(Number.isNaN(fromLocalInput(value).getTime())).toBe(true);
    },
  );
});

describe("editing a poll whose opening time has passed (waiting for its census)", () => {
  const stored = new Date(Date.now() - 3 * hour + 12_345); // seconds and milliseconds the field cannot show

  it("keeps the stored instant while the field still shows it, and reads a changed field as typed", () => {
    expect(instantOf(toLocalInput(stored), stored)).toBe(stored);
    const moved = toLocalInput(new Date(stored.getTime() + 2 * hour));
    expect(instantOf(moved, stored).getTime()).toBe(fromLocalInput(moved).getTime());
    expect(instantOf(toLocalInput(stored)).getTime()).not.toBe(stored.getTime());
  });

  it("accepts the unchanged past opening time, but not another past one nor a past one on create", () => {
    expect(pollInputSchema(stored).safeParse(rules({ opensAt: stored })).success).toBe(true);
    const other = new Date(stored.getTime() + 60_000);
    const refused = pollInputSchema(stored).safeParse(rules({ opensAt: other }));
    expect(refused.success ? {} : pollFieldErrors(refused.error.issues)).toEqual({ opensAt: "opensInPast" });
    expect(ZPollInput.safeParse(rules({ opensAt: stored })).success).toBe(false);
  });
});
