import { describe, expect, it } from "vitest";
import { groupPolls } from "@/app/districts/[slug]/polls/_lib/group-polls";

const now = new Date("2030-05-01T12:00:00Z");
const at = (h: number) => new Date(now.getTime() + h * 3_600_000);
const poll = (id: string, status: "scheduled" | "open" | "closed", opens: number, closes: number) => ({
  id,
  status,
  opensAt: at(opens),
  closesAt: at(closes),
  minAnonymitySet: 10,
});

describe("groupPolls", () => {
  const polls = [
    poll("closed-early", "closed", -50, -40),
    poll("open-late", "open", -5, 30),
    poll("sched-later", "scheduled", 20, 40),
    poll("open-soon", "open", -5, 2),
    poll("closed-recent", "closed", -10, -1),
    poll("sched-due", "scheduled", -1, 5),
    poll("sched-next", "scheduled", 3, 9),
  ];

  it("puts open polls first by closing time, scheduled by opening time, closed most recent first", () => {
    const g = groupPolls(polls, now);
    expect(g.open.map((p) => p.id)).toEqual(["open-soon", "open-late"]);
    expect(g.scheduled.map((p) => p.id)).toEqual(["sched-due", "sched-next", "sched-later"]);
    expect(g.closed.map((p) => p.id)).toEqual(["closed-recent", "closed-early"]);
  });

  it("marks a scheduled poll past its opening time as waiting for members, and no other", () => {
    const g = groupPolls(polls, now);
    expect(g.scheduled.map((p) => [p.id, p.waiting])).toEqual([
      ["sched-due", true],
      ["sched-next", false],
      ["sched-later", false],
    ]);
  });

  it("leaves the input untouched", () => {
    const copy = polls.map((p) => p.id);
    groupPolls(polls, now);
    expect(polls.map((p) => p.id)).toEqual(copy);
  });
});
