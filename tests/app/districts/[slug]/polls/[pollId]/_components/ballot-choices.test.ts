import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { BudgetChoices } from "@/app/districts/[slug]/polls/[pollId]/_components/budget-choices";
import { RankedChoices } from "@/app/districts/[slug]/polls/[pollId]/_components/ranked-choices";
import { renderWithIntl } from "../../../../../render-with-intl";

const render = renderWithIntl;

const text = (html: string) => html.replace(/<[^>]+>/g, "");
/** Each button's accessible name (its aria-label), checked to begin with its visible text. */
const buttons = (html: string) =>
  [...html.matchAll(/<button[^>]*aria-label="([^"]*)"[^>]*>(.*?)<\/button>/g)].map((m) => {
    expect(m[1]?.startsWith(text(m[2] ?? "")), `${m[1]} begins with its visible text`).toBe(true);
    return m[1] ?? "";
  });

const options = ["Playground", "Bike lanes", "Pool", "Library"];
const noop = () => {};

describe("RankedChoices", () => {
  it("lists the ranking in order with a named move and remove button per option, and adds the rest as next choice", () => {
    const html = render(
      createElement(RankedChoices, { options, maxRanks: 3, ranking: [2, 0], onChange: noop }),
    );
    const ranking = html.split('data-testid="ranking">')[1]?.split("</ol>")[0] ?? "";
    expect(
      [...ranking.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => text(m[1] ?? "").split("Move")[0]),
    ).toEqual(["1st choicePool", "2nd choicePlayground"]);
    expect(buttons(html)).toEqual([
      "Move up: Pool",
      "Move down: Pool",
      "Remove: Pool",
      "Move up: Playground",
      "Move down: Playground",
      "Remove: Playground",
      "Add as 3rd choice: Bike lanes",
      "Add as 3rd choice: Library",
    ]);
    // The first cannot move up, the last cannot move down.
    expect(
      html.match(
        /<button[^>]*disabled=""[^>]*data-control="(up|down)"|<button[^>]*data-control="(up|down)"[^>]*disabled=""/g,
      ),
    ).toHaveLength(2);
    expect(html).toContain('aria-live="polite"');
  });

  it("offers no more options once the ranking holds as many as the poll allows, and says why", () => {
    const html = render(
      createElement(RankedChoices, { options, maxRanks: 2, ranking: [1, 3], onChange: noop }),
    );
    expect(buttons(html).filter((b) => b.startsWith("Add"))).toEqual([]);
    expect(text(html)).toContain("You have ranked as many options as this poll allows (2).");
    expect(text(html)).toContain("Your ranking (2 of at most 2)");
  });

  it("invites the first choice when nothing is ranked, in the reader's language", () => {
    expect(
      text(render(createElement(RankedChoices, { options, maxRanks: 3, ranking: [], onChange: noop }))),
    ).toContain("Nothing ranked yet.");
    const es = render(
      createElement(RankedChoices, { options, maxRanks: 3, ranking: [0], onChange: noop }),
      "es",
    );
    expect(text(es)).toContain("1.ª preferencia");
    expect(buttons(es)).toContain("Añadir como 2.ª preferencia: Pool");
  });
});

describe("BudgetChoices", () => {
  const method = { budget: 60_000, costs: [30_000, 50_000, 20_000, 10_000] };

  it("shows a labelled checkbox per project with its cost, and the live meter of what is spent", () => {
    const html = render(createElement(BudgetChoices, { options, method, chosen: [0, 3], onChange: noop }));
    expect(html.match(/<input type="checkbox"[^>]*>/g)).toHaveLength(4);
    expect(html.match(/<input type="checkbox"[^>]*checked=""/g)).toHaveLength(2);
    expect(text(html)).toContain("Playgroundcosts 30,000");
    expect(html).toMatch(/<meter[^>]*max="60000"[^>]*value="40000"/);
    expect(text(html)).toContain("40,000 of 60,000 spent. 20,000 left.");
    expect(html).not.toContain('role="alert"');
  });

  it("refuses a selection over the budget with a message saying by how much", () => {
    const html = render(createElement(BudgetChoices, { options, method, chosen: [0, 1], onChange: noop }));
    expect(text(html)).toContain("80,000 of 60,000 spent.");
    expect(html).toMatch(/<p role="alert"[^>]*>Over the budget by 20,000: untick a project to vote.<\/p>/);
  });

  it("writes amounts in the reader's number format", () => {
    const html = render(createElement(BudgetChoices, { options, method, chosen: [1], onChange: noop }), "es");
    expect(text(html)).toContain("Gastado: 50.000 de 60.000. Quedan 10.000.");
  });
});
