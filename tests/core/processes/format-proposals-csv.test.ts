import { describe, expect, it } from "vitest";
import { formatProposalsCsv, type ProposalCsvInput } from "@/core/processes/format-proposals-csv";

const proposal = (over: Partial<ProposalCsvInput> = {}): ProposalCsvInput => ({
  id: "p1",
  title: "Benches",
  category: "parks",
  costEstimate: 60,
  location: null,
  author: { kind: "anonymous" },
  supportCount: 3,
  entryIndex: "12",
  advancedEntry: "15",
  status: "accepted",
  overdue: false,
  hidden: false,
  hiddenReason: null,
  ...over,
});

describe("formatProposalsCsv", () => {
  it("writes one row per proposal with its process, supports, ballot, response and entries", () => {
    const csv = formatProposalsCsv([
      {
        id: "proc",
        title: "Budget 2027",
        proposals: [
          proposal(),
          proposal({
            id: "p2",
            title: null,
            author: { kind: "council", name: "Ana" },
            advancedEntry: null,
            status: null,
            hidden: true,
            hiddenReason: "Duplicate",
          }),
        ],
      },
    ]);
    const rows = csv.split("\r\n").filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe(
      '"proc","Budget 2027","p1","Benches","parks","60","","anonymous","3","yes","accepted","no","","12","15"',
    );
    expect(rows[2]).toBe(
      '"proc","Budget 2027","p2","","parks","60","","Ana","3","no","","no","Duplicate","12",""',
    );
  });

  it("defuses a title a spreadsheet would run as a formula", () => {
    const csv = formatProposalsCsv([
      { id: "x", title: "T", proposals: [proposal({ title: "=HYPERLINK(1)" })] },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(1)"`);
  });
});
