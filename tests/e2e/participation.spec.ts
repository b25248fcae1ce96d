import { readFileSync } from "node:fs";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

// A participatory budget in Old Town with real zero-knowledge proofs: two residents join, the
// council starts a process whose phases are seconds long, resident A proposes anonymously and the
// council publishes a proposal; A comments and the council replies; in the support phase A and B
// support A's proposal, which goes to the ballot, and A's second support is refused; the council
// hides its own proposal with a public reason; in the ballot phase the process links to its ballot.

test.describe.configure({ mode: "serial" });

const COUNCIL_EMAIL = "wei.chen@oldtown.plaza.local";
const TITLE = "Old Town budget, quick round";
const A_TITLE = "Shade sails over the playground";
const COUNCIL_TITLE = "Repaint the market hall";
const REASON = "Duplicate of an earlier plan";

async function trpc<T>(page: Page, path: string, input: unknown, method: "GET" | "POST"): Promise<T> {
  const res =
    method === "GET"
      ? await page.request.get(
          `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
        )
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/** Reloads `page` until `locator()` is visible (a phase the scheduler enters by itself). */
async function reloadUntil(page: Page, visible: () => ReturnType<Page["getByRole"]>, timeout: number) {
  await expect(async () => {
    await page.reload();
    await expect(visible()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout, intervals: [1_000] });
}

test("residents propose, comment and support anonymously with real proofs; the council publishes, replies and hides; the ballot follows", async ({
  browser,
}) => {
  test.setTimeout(300_000);

  // The council generates two invitation codes; two residents join in contexts of their own.
  const council = await signIn(browser, COUNCIL_EMAIL);
  await council.getByRole("link", { name: "Census and invitation codes" }).click();
  await council.getByLabel("Number of codes").fill("2");
  await council.getByRole("button", { name: "Generate codes" }).click();
  await expect(council.getByText("2 codes generated for Old Town.")).toBeVisible();
  const [csvDownload] = await Promise.all([
    council.waitForEvent("download"),
    council.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync((await csvDownload.path()) as string, "utf8");
  const codes = [...csv.matchAll(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g)].map((m) => m[0]);
  expect(codes).toHaveLength(2);
  const residents: { context: BrowserContext; page: Page }[] = [];
  for (const code of codes) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/join?district=old-town");
    await expect(page.getByRole("combobox", { name: "District" })).toHaveValue(/.+/);
    await page.getByRole("textbox", { name: "Invitation code" }).fill(code);
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await expect(page.getByText("You are now a member of Old Town.", { exact: false })).toBeVisible({
      timeout: 20_000,
    });
    residents.push({ context, page });
  }
  const [alice, bob] = residents.map((r) => r.page) as [Page, Page];

  // The council starts a budget process through the tRPC endpoint, with its phases seconds long.
  const district = await trpc<{ id: string }>(council, "district.bySlug", { slug: "old-town" }, "GET");
  const start = Date.now() + 5_000;
  const boundaries = [0, 50, 95, 140, 185, 230].map((s) => new Date(start + s * 1000).toISOString());
  const process = await trpc<{ id: string }>(
    council,
    "process.create",
    {
      districtId: district.id,
      process: {
        title: TITLE,
        description: "Spend **50,000** on the old town.",
        boundaries,
        responseDeadline: boundaries[4],
        proposalsPerResident: 1,
        commentsPerResident: 2,
        supportThreshold: 2,
        ballot: { kind: "budget", budget: 50_000 },
      },
    },
    "POST",
  );
  const processUrl = `/districts/old-town/processes/${process.id}`;

  // Resident A proposes anonymously once the proposals phase is on the ledger.
  await alice.goto(processUrl);
  await reloadUntil(alice, () => alice.getByRole("heading", { name: "Make a proposal" }), 40_000);
  await expect(alice.getByText("Anonymous: a zero-knowledge proof")).toBeVisible();
  await alice.getByLabel("Title").fill(A_TITLE);
  await alice.getByLabel("Description (markdown)").fill("Sails for **summer** afternoons.");
  await alice.getByLabel("Category (optional)").fill("Parks");
  await alice.getByLabel("Cost estimate").fill("12000");
  await alice.getByRole("button", { name: "Make the proposal anonymously" }).click();
  await expect(alice.getByRole("progressbar", { name: "Preparing your anonymous proposal" })).toBeVisible();
  await expect(alice.getByText(/Your proposal is recorded in ledger entry \d+\./)).toBeVisible({
    timeout: 60_000,
  });
  await expectAccessible(alice);

  // The council publishes one as the council.
  await council.goto(processUrl);
  await council.getByLabel("Title").fill(COUNCIL_TITLE);
  await council.getByLabel("Cost estimate").fill("30000");
  await council.getByRole("button", { name: "Publish as the council" }).click();
  await expect(council.getByText(/Your proposal is recorded in ledger entry \d+\./)).toBeVisible();
  const list = council.getByRole("region", { name: "Proposals" });
  await expect(list.getByRole("listitem").filter({ hasText: COUNCIL_TITLE })).toContainText(
    "By the council:",
  );
  await expect(list.getByRole("listitem").filter({ hasText: A_TITLE })).toContainText("12,000");
  await expect(list.getByRole("listitem").filter({ hasText: A_TITLE })).toContainText(
    "By a resident (anonymous)",
  );

  // A comments on their proposal (anonymously); the council replies, attributed.
  await alice.goto(processUrl);
  await alice.getByRole("link", { name: A_TITLE }).click();
  await expect(alice.getByRole("heading", { name: A_TITLE, level: 2 })).toBeVisible();
  const proposalUrl = alice.url();
  await expect(alice.getByText("0 of 2 supports")).toBeVisible();
  await alice.getByLabel("Your comment").fill("Could they be taken down in winter?");
  await alice.getByRole("button", { name: "Send the comment" }).click();
  await expect(alice.getByText(/Your comment is recorded in ledger entry \d+\./)).toBeVisible({
    timeout: 60_000,
  });
  await expectAccessible(alice);
  await council.goto(proposalUrl);
  await expect(council.getByText("Could they be taken down in winter?")).toBeVisible();
  await council.getByRole("button", { name: /^Reply to the comment in entry \d+$/ }).click();
  await council.getByLabel("Your reply").fill("Yes, the sails come down in November.");
  await council.getByRole("button", { name: "Send the reply" }).click();
  await expect(council.getByText("Yes, the sails come down in November.")).toBeVisible();

  // The support phase: A and B support A's proposal, which reaches the threshold.
  await reloadUntil(alice, () => alice.getByRole("button", { name: "Support", exact: true }), 60_000);
  await alice.getByRole("button", { name: "Support", exact: true }).click();
  await expect(alice.getByText("Your support is recorded: 1 of 2 supports.")).toBeVisible({
    timeout: 60_000,
  });
  await bob.goto(proposalUrl);
  await bob.getByRole("button", { name: "Support", exact: true }).click();
  await expect(bob.getByText("Your support is recorded: 2 of 2 supports.")).toBeVisible({ timeout: 60_000 });
  await expect(bob.getByText("This proposal advanced to the ballot.")).toBeVisible();
  await expectAccessible(bob);
  // A second support from A is refused: one support per resident and proposal.
  await alice.getByRole("button", { name: "Support", exact: true }).click();
  await expect(alice.locator("main").getByRole("alert")).toHaveText(/already done this/, { timeout: 60_000 });

  await alice.goto(processUrl);
  await expect(
    alice.getByRole("region", { name: "Proposals" }).getByRole("listitem").filter({ hasText: A_TITLE }),
  ).toContainText("On the ballot");

  // The council hides its own proposal with a public reason.
  await council.goto(processUrl);
  await council.getByRole("link", { name: COUNCIL_TITLE }).click();
  await council.getByRole("button", { name: `Hide “${COUNCIL_TITLE}”` }).click();
  await council.getByLabel("Public reason").fill(REASON);
  await council.getByRole("button", { name: "Hide it" }).click();
  await expect(council.getByText(`Hidden by the council: ${REASON}`)).toBeVisible();
  await alice.goto(processUrl);
  await expect(alice.getByText(`Hidden by the council: ${REASON}`)).toBeVisible();

  // The ballot phase: the process links to its ballot poll.
  await reloadUntil(alice, () => alice.getByRole("heading", { name: "Ballot", exact: true }), 90_000);
  await expect(alice.getByRole("region", { name: "Ballot" }).getByRole("link")).toHaveAttribute(
    "href",
    /^\/districts\/old-town\/polls\/[0-9a-f-]{36}$/,
  );
  await expectAccessible(alice);

  for (const r of residents) await r.context.close();
  await council.context().close();
});
