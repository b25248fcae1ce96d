import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

const COUNCIL_EMAIL = "ana.morales@riverside.plaza.local";

test("a council starts a participatory process; its rules go on the ledger and the public page shows where it stands", async ({
  browser,
}) => {
  const council = await signIn(browser, COUNCIL_EMAIL);
  await council.goto("/dashboard/districts/riverside/processes");
  await expect(council.getByRole("heading", { name: "Processes in Riverside", level: 1 })).toBeVisible();
  await expect(council.getByRole("link", { name: "Processes" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(council);

  await council.getByLabel("Title").fill("Riverside budget 2027");
  await council.getByLabel("Description (markdown)").fill("Residents propose and **choose** the projects.");
  // A follow-up that ends before it starts is refused before anything is sent.
  const followUpEnds = council.getByLabel("Follow-up ends");
  const kept = await followUpEnds.inputValue();
  await followUpEnds.fill(await council.getByLabel("Follow-up starts").inputValue());
  await council.getByRole("button", { name: "Start the process" }).click();
  await expect(council.getByRole("alert").filter({ hasText: "The rules do not fit" })).toContainText(
    "the follow_up phase must end after it starts",
  );
  await followUpEnds.fill(kept);
  await council.getByLabel("Supports needed to reach the ballot").fill("25");
  await council.getByRole("button", { name: "Start the process" }).click();
  await expect(
    council.getByText("“Riverside budget 2027” has started; its rules are on the ledger."),
  ).toBeVisible();
  const listed = council.getByRole("link", { name: "Riverside budget 2027" });
  await expect(listed).toBeVisible();

  // Anyone sees it on the district's proposals section and its own page, upcoming until tomorrow.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/districts/riverside/proposals");
  await expect(page.getByTestId("process-stage").first()).toBeVisible();
  await page.getByRole("link", { name: "Riverside budget 2027" }).click();
  await expect(page.getByRole("heading", { name: "Riverside budget 2027", level: 2 })).toBeVisible();
  await expect(page.getByTestId("process-stage")).toHaveText(
    "Starts soon: proposals open at the date below.",
  );
  await expect(page.getByRole("listitem").filter({ hasText: "Proposals" }).first()).toBeVisible();
  await expect(page.getByText("Participatory budget of 100,000")).toBeVisible();
  await expect(page.locator("dd", { hasText: /^25$/ })).toBeVisible();
  await expectAccessible(page);

  // The rules are the ledger entry's.
  const entryLink = page.getByRole("link", { name: /^Entry \d+$/ });
  const index = ((await entryLink.textContent()) ?? "").replace("Entry ", "");
  // Served once a signed checkpoint covers it (within the checkpoint interval).
  await expect
    .poll(async () => {
      const res = await page.request.get(`/ledger/json/entries?start=${index}&limit=1`);
      const body = (await res.json()) as { entries?: { entry: unknown }[] };
      return body.entries?.[0]?.entry ?? null;
    })
    .toMatchObject({
      type: "process_started",
      title: "Riverside budget 2027",
      rules: { supportThreshold: 25 },
    });

  // And in the district's open data.
  const open = (await (await page.request.get("/api/open/districts/riverside/polls.json")).json()) as {
    processes: { title: string; startedEntry: string }[];
  };
  expect(open.processes).toContainEqual(
    expect.objectContaining({ title: "Riverside budget 2027", startedEntry: index }),
  );
});
