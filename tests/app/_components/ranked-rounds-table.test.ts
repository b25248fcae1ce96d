import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { RankedRoundsTable } from "@/app/_components/ranked-rounds-table";
import { renderWithIntl } from "../render-with-intl";

const render = renderWithIntl;

/** The cells of each body row as text (tags stripped), one array per row. */
function rows(html: string, part: "tbody" | "tfoot"): string[][] {
  const body = html.split(`<${part}>`)[1]?.split(`</${part}>`)[0] ?? "";
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) =>
      (c[1] ?? "").replace(/<[^>]+>/g, ""),
    ),
  );
}

// Playground, Bike lanes, Pool: the pool is eliminated in round 1, the bike lanes in round 2
// (one ballot exhausted), and the playground wins in round 3.
const table = createElement(RankedRoundsTable, {
  id: "runoff",
  options: ["Playground", "Bike lanes", "Pool"],
  rounds: [
    { counts: [1, 1, 1], exhausted: 0, eliminated: 2 },
    { counts: [1, 1, 0], exhausted: 1, eliminated: 1 },
    { counts: [1, 0, 0], exhausted: 2, eliminated: null },
  ],
  winner: 0,
});

describe("RankedRoundsTable", () => {
  it("is a real table with a caption, a column header per round and a row header per option", () => {
    const html = render(table);
    expect(html).toMatch(
      /<table[^>]*><caption id="runoff"[^>]*>Ballots per option, round by round \(3 rounds\)<\/caption>/,
    );
    expect([...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1])).toEqual([
      "Option",
      "Round 1",
      "Round 2",
      "Round 3",
    ]);
    expect(html.match(/<th scope="row"/g)).toHaveLength(5);
    // The scrollable wrapper is named by the caption and reachable by keyboard.
    expect(html).toMatch(/^<section[^>]*aria-labelledby="runoff" tabindex="0"/);
  });

  it("shows each round's counts, a dash for an option already out, the eliminated and the winner in words", () => {
    const html = render(table);
    expect(rows(html, "tbody")).toEqual([
      ["PlaygroundWinner", "1", "1", "1"],
      ["Bike lanes", "1", "1(eliminated)", "—eliminated earlier"],
      ["Pool", "1(eliminated)", "—eliminated earlier", "—eliminated earlier"],
    ]);
    expect(rows(html, "tfoot")).toEqual([
      ["Exhausted ballots", "0", "1", "2"],
      ["Eliminated at the end of the round", "Pool", "Bike lanes", "none: Playground wins"],
    ]);
  });

  it("says no option was eliminated or elected when nobody voted", () => {
    const html = render(
      createElement(RankedRoundsTable, {
        id: "empty",
        options: ["Playground", "Pool"],
        rounds: [{ counts: [0, 0], exhausted: 0, eliminated: null }],
        winner: null,
      }),
    );
    expect(rows(html, "tfoot")[1]).toEqual(["Eliminated at the end of the round", "none"]);
    expect(html).not.toContain("Winner");
  });

  it("speaks the reader's language", () => {
    expect(render(table, "es")).toContain("Ronda 2");
    expect(render(table, "zh")).toContain("第 2 轮");
  });
});
