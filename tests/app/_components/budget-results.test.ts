import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { BudgetResults } from "@/app/_components/budget-results";
import { renderWithIntl } from "../render-with-intl";

const render = renderWithIntl;

const text = (html: string) => html.replace(/<[^>]+>/g, "");

// Votes [2, 1, 1, 2]: benches, then the playground, then the library books are funded.
const results = createElement(BudgetResults, {
  options: ["Playground", "Bike lanes", "Library books", "Benches"],
  costs: [30_000, 50_000, 20_000, 10_000],
  budget: 60_000,
  counts: [2, 1, 1, 2],
  turnout: 3,
  funded: [3, 0, 2],
  spent: 60_000,
});

describe("BudgetResults", () => {
  it("lists the funded projects in funding order, with their cost in the reader's number format", () => {
    const html = render(results);
    const list = html.split('data-testid="funded-list">')[1]?.split("</ol>")[0] ?? "";
    expect([...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => text(m[1] ?? ""))).toEqual([
      "Benches: costs 10,000 (2 votes)",
      "Playground: costs 30,000 (2 votes)",
      "Library books: costs 20,000 (1 vote)",
    ]);
  });

  it("marks each project funded or not in words, and the budget spent against the total", () => {
    const t = text(render(results));
    expect(t).toContain("3 of 4 projects funded, spending 60,000 of the 60,000 budget.");
    expect(t).toContain("PlaygroundFunded, 2nd");
    expect(t).toContain("Bike lanesNot funded");
    expect(t).toContain("BenchesFunded, 1st");
    expect(t).toContain("2 votes · 66.7% · costs 30,000");
    expect(t).toContain("60,000 of 60,000 · 100%");
  });

  it("formats amounts with the reader's locale", () => {
    const es = text(render(results, "es"));
    // Spanish groups thousands with a dot and writes a decimal comma.
    expect(es).toContain("Benches: cuesta 10.000 (2 votos)");
    // (The percent sign follows a no-break space.)
    expect(es).toMatch(/2 votos · 66,7\s% · cuesta 30\.000/);
    expect(es).toContain("BenchesFinanciado, 1.º");
  });

  it("says so when no project was funded", () => {
    const html = render(
      createElement(BudgetResults, {
        options: ["Playground"],
        costs: [30_000],
        budget: 60_000,
        counts: [0],
        turnout: 0,
        funded: [],
        spent: 0,
      }),
    );
    expect(text(html)).toContain("No project was funded.");
    expect(html).not.toContain("funded-list");
  });
});
