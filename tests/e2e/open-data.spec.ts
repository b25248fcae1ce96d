import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

test("a district page links its polls and results as open data, JSON and CSV with the same numbers", async ({
  page,
  request,
}) => {
  await page.goto("/districts/riverside");
  await expectAccessible(page);
  const json = page.getByRole("link", { name: "Polls and results (JSON)" });
  const csv = page.getByRole("link", { name: "Polls and results (CSV)" });
  await expect(json).toHaveAttribute("href", "/api/open/districts/riverside/polls.json");

  const data = (await (await request.get((await json.getAttribute("href")) as string)).json()) as {
    polls: {
      id: string;
      title: string;
      status: string;
      result: { counts: number[]; turnout: number } | null;
    }[];
  };
  // The demo's closed playground poll: twelve residents' votes, as its poll_closed entry records.
  const playground = data.polls.find((p) => p.title === "Riverside park: which playground design?");
  expect(playground).toMatchObject({ status: "closed", result: { counts: [3, 3, 6], turnout: 12 } });
  expect(data.polls.filter((p) => p.status !== "closed").every((p) => p.result === null)).toBe(true);

  const res = await request.get((await csv.getAttribute("href")) as string);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const rows = (await res.text()).split("\r\n").filter((r) => r.startsWith(`"${playground?.id}"`));
  expect(rows.map((r) => r.split(",")[8])).toEqual(['"3"', '"3"', '"6"']);

  // Proposals, one row per proposal with its process, supports, ballot and response columns.
  const proposals = page.getByRole("link", { name: "Proposals (CSV)" });
  const proposalsCsv = await request.get((await proposals.getAttribute("href")) as string);
  expect(proposalsCsv.status()).toBe(200);
  expect((await proposalsCsv.text()).split("\r\n")[0]).toBe(
    '"process_id","process_title","proposal_id","title","category","cost_estimate","location","author","supports","on_ballot","response_status","response_overdue","hidden_reason","entry","advanced_entry"',
  );
});
