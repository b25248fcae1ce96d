import { readFileSync } from "node:fs";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectAccessible, generateCodes, joinAsResident, signIn } from "./helpers";

const OLD_TOWN = { slug: "old-town", name: "Old Town" };

// The whole census-and-voting journey with real zero-knowledge proofs: a council member of Old
// Town (seeded, with an empty census) issues invitation codes and schedules a poll; three
// residents in separate browser contexts join and vote; one changes their vote; the poll opens
// and closes by itself; the results show the right numbers; every receipt checks out in the
// browser against the signed ledger.

test.describe.configure({ mode: "serial" });

const COUNCIL_EMAIL = "wei.chen@oldtown.plaza.local";
const TITLE = "Market square: benches or trees?";
const OPTIONS = ["Benches", "Trees", "Both, smaller"] as const;

/** `ms` as the value of a datetime-local input in the page's own time zone (minute precision). */
function localInput(page: Page, ms: number): Promise<string> {
  return page.evaluate((t) => {
    const d = new Date(t);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, ms);
}

async function vote(page: Page, choice: string, button: "Cast my vote" | "Change my vote") {
  await page.getByRole("radio", { name: choice }).check();
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("progressbar", { name: "Preparing your anonymous vote" })).toBeVisible();
  const recorded = page.getByText(/Your vote is recorded in ledger entry \d+\./);
  await expect(recorded).toBeVisible({ timeout: 60_000 });
  return Number((await recorded.textContent())?.match(/entry (\d+)/)?.[1]);
}

test("a council issues codes and a poll; three residents join and vote with real proofs, one changes their vote; the results and receipts check out", async ({
  browser,
}) => {
  test.setTimeout(360_000);

  // The council member generates three invitation codes and downloads both files.
  const council = await signIn(browser, COUNCIL_EMAIL);
  await council.getByRole("link", { name: "Census and invitation codes" }).click();
  await expect(council.getByRole("heading", { name: "Census of Old Town", level: 1 })).toBeVisible();
  await expectAccessible(council);
  const codes = await generateCodes(council, "Old Town", 3);
  const [lettersDownload] = await Promise.all([
    council.waitForEvent("download"),
    council.getByRole("button", { name: "Download printable letters" }).click(),
  ]);
  const letters = readFileSync((await lettersDownload.path()) as string, "utf8");
  for (const code of codes) expect(letters).toContain(code);
  await expect(council.getByText("CSV: downloaded.")).toBeVisible();
  await expect(council.getByText("Letters: downloaded.")).toBeVisible();

  // Three residents, each in a browser context of their own, join with the codes.
  const residents: { context: BrowserContext; page: Page }[] = [];
  for (const code of codes) {
    // Lower case on purpose: codes are read case-insensitively.
    const { context, page } = await joinAsResident(browser, OLD_TOWN, code.toLowerCase());
    await expect(page.getByRole("form", { name: "Back up your identity for Old Town" })).toBeVisible();
    residents.push({ context, page });
  }
  await expectAccessible(residents[0]?.page as Page);
  // A used code is refused with its own message, and spent codes stay spent.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto("/join?district=old-town");
  await stranger.getByRole("textbox", { name: "Invitation code" }).fill(codes[1] as string);
  await stranger.getByRole("button", { name: "Join", exact: true }).click();
  await expect(stranger.locator("main").getByRole("alert")).toHaveText(
    "This invitation code has already been used.",
  );
  await stranger.context().close();

  // The council schedules a poll that opens within the minute and closes two minutes later.
  await council.goto("/dashboard");
  await council.getByRole("link", { name: "Manage polls" }).click();
  await expect(council.getByRole("heading", { name: "Polls of Old Town", level: 1 })).toBeVisible();
  const now = Date.now();
  const opensAt = Math.ceil(now / 60_000) * 60_000 - (now % 60_000 < 30_000 ? 60_000 : 0);
  await council.getByLabel("Title").fill(TITLE);
  await council
    .getByLabel("Description")
    .fill("The council has **12,000 €** for the square. See the [plan](https://example.org/plan).");
  await expect(council.getByRole("link", { name: "plan" })).toHaveAttribute("rel", /noopener/);
  await council.getByLabel("Option 1", { exact: true }).fill(OPTIONS[0]);
  await council.getByLabel("Option 2", { exact: true }).fill(OPTIONS[1]);
  await council.getByRole("button", { name: "Add an option" }).click();
  await council.getByLabel("Option 3", { exact: true }).fill(OPTIONS[2]);
  await council.getByRole("radio", { name: "Single choice" }).check();
  await council.getByLabel("Opens").fill(await localInput(council, opensAt));
  await council.getByLabel("Closes").fill(await localInput(council, opensAt + 120_000));
  await council.getByLabel("Minimum anonymity set").fill("3");
  await council.getByRole("button", { name: "Schedule the poll" }).click();
  await expect(council.getByText(`The poll “${TITLE}” is scheduled.`)).toBeVisible();
  await expectAccessible(council);

  // The residents find the poll; it opens by itself at its time (census 3 ≥ minimum 3).
  const [alice, bob, carol] = residents.map((r) => r.page) as [Page, Page, Page];
  await alice.goto("/districts/old-town/polls");
  await alice.getByRole("link", { name: TITLE }).click();
  await expect(alice.getByRole("heading", { name: TITLE })).toBeVisible();
  const pollUrl = alice.url();
  await expect(async () => {
    await alice.reload();
    await expect(alice.getByRole("button", { name: "Cast my vote" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expectAccessible(alice);

  const aliceEntry = await vote(alice, "Benches", "Cast my vote");
  for (const page of [bob, carol]) await page.goto(pollUrl);
  await vote(bob, "Trees", "Cast my vote");
  const carolFirst = await vote(carol, "Benches", "Cast my vote");
  // Carol changes her mind: a higher sequence number replaces her first vote.
  const carolSecond = await vote(carol, "Trees", "Change my vote");
  expect(carolSecond).toBeGreaterThan(carolFirst);
  await expectAccessible(carol);

  // While the poll is open, its receipts are in the ledger and the tally is not made yet.
  await alice.goto("/receipts");
  await expect(alice.getByText("Your vote is in the public ledger. The poll is still open")).toBeVisible({
    timeout: 20_000,
  });
  await expect(alice.getByRole("link", { name: `Entry ${aliceEntry}` }).first()).toBeVisible();

  // The poll closes by itself; the results are the tally recorded on the ledger.
  const resultsUrl = `${pollUrl}/results`;
  await expect(async () => {
    await alice.goto(resultsUrl);
    await expect(alice.getByRole("heading", { name: "Counts" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 180_000 });
  const counts = alice.getByRole("region", { name: "Counts" });
  await expect(counts.getByRole("listitem").filter({ hasText: "Benches" })).toContainText("1 vote");
  await expect(counts.getByRole("listitem").filter({ hasText: /^Trees|Trees/ })).toContainText("2 votes");
  await expect(counts.getByRole("listitem").filter({ hasText: "Both, smaller" })).toContainText("0 votes");
  await expect(alice.getByText("3 of 3", { exact: false })).toBeVisible();
  await expect(alice.getByText("Replaced votes (1)")).toBeVisible();
  await expect(alice.getByRole("heading", { name: "Counted votes (3)" })).toBeVisible();
  await expectAccessible(alice);

  // Every receipt checks out in the browser: counted, or replaced by the later vote that counts.
  await alice.goto("/receipts");
  await expect(alice.getByText("Your vote was counted.")).toHaveCount(1, { timeout: 30_000 });
  await expectAccessible(alice);
  await carol.goto("/receipts");
  await expect(carol.getByText("Your vote was counted.")).toHaveCount(1, { timeout: 30_000 });
  await expect(
    carol.getByText("This vote was replaced by a later vote of yours, which is the one counted."),
  ).toHaveCount(1);
  await expect(carol.getByText("This receipt did not check out")).toHaveCount(0);

  for (const r of residents) await r.context.close();
  await council.context().close();
});
