import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectAccessible, generateCodes, joinAsResident, signIn } from "./helpers";

// Two participatory processes in Old Town at once, with real zero-knowledge proofs and phases
// seconds long. A budget: resident A proposes anonymously and the council publishes a proposal; A
// comments and the council replies; in the support phase A and B support A's proposal, which goes
// to the ballot, and A's second support is refused; the council hides its own proposal with a
// public reason. A ranked choice: the council proposes three street names, the residents' supports
// send them to the ballot. Both ballots open by themselves; A and B vote in each (ticking a project
// within the budget, ranking names); at the close the results show the funded project and the
// instant-runoff winner; the council answers A's proposal, and its page shows the response.

test.describe.configure({ mode: "serial" });

const COUNCIL_EMAIL = "wei.chen@oldtown.plaza.local";
const TITLE = "Old Town budget, quick round";
const A_TITLE = "Shade sails over the playground";
const COUNCIL_TITLE = "Repaint the market hall";
const REASON = "Duplicate of an earlier plan";
const RANKED_TITLE = "Old Town: name the new square";
const NAMES = ["Plaza of the Weavers", "Lantern Square", "Market Green"] as const;

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

test("residents propose, comment and support anonymously with real proofs; the council publishes, replies and hides; budget and ranked ballots run to their results; the council responds", async ({
  browser,
}) => {
  test.setTimeout(480_000);

  // The council generates two invitation codes; two residents join in contexts of their own.
  const council = await signIn(browser, COUNCIL_EMAIL);
  await council.getByRole("link", { name: "Census and invitation codes" }).click();
  const codes = await generateCodes(council, "Old Town", 2);
  const residents: { context: BrowserContext; page: Page }[] = [];
  for (const code of codes)
    residents.push(await joinAsResident(browser, { slug: "old-town", name: "Old Town" }, code));
  const [alice, bob] = residents.map((r) => r.page) as [Page, Page];

  // The council starts a budget process through the tRPC endpoint, with its phases seconds long.
  const district = await trpc<{ id: string }>(council, "district.bySlug", { slug: "old-town" }, "GET");
  const start = Date.now() + 5_000;
  const boundaries = [0, 55, 120, 185, 250, 420].map((s) => new Date(start + s * 1000).toISOString());
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
  // The ranked process runs alongside, on the same dates: every proposal one support from the ballot.
  const ranked = await trpc<{ id: string }>(
    council,
    "process.create",
    {
      districtId: district.id,
      process: {
        title: RANKED_TITLE,
        description: "Rank the names you like.",
        boundaries,
        responseDeadline: boundaries[4],
        proposalsPerResident: 1,
        commentsPerResident: 0,
        supportThreshold: 1,
        ballot: { kind: "ranked", maxRanks: 2 },
      },
    },
    "POST",
  );
  const rankedUrl = `/districts/old-town/processes/${ranked.id}`;

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
  // The form says the resident's one proposal is used, before they write another.
  await expect(alice.getByTestId("proposal-slots")).toHaveText(
    "You have filed all 1 proposal each resident may make in this process (as this browser remembers).",
  );
  await expectAccessible(alice);

  // The council proposes the three names of the ranked process (its phase began with the other's).
  const names: string[] = [];
  for (const title of NAMES) {
    const published = await trpc<{ proposalId: string }>(
      council,
      "proposal.publish",
      {
        processId: ranked.id,
        content: { title, body: "", category: null, costEstimate: null, location: null },
      },
      "POST",
    );
    names.push(published.proposalId);
  }

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

  // The ranked process: A supports the first two names, B the third; each advances at once.
  for (const [who, i] of [
    [alice, 0],
    [alice, 1],
    [bob, 2],
  ] as const) {
    await who.goto(`${rankedUrl}/proposals/${names[i]}`);
    await who.getByRole("button", { name: "Support", exact: true }).click();
    await expect(who.getByText("This proposal advanced to the ballot.")).toBeVisible({ timeout: 60_000 });
  }

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

  // A and B vote in the budget ballot: the one project on it fits the budget.
  const budgetBallot = (await alice
    .getByRole("region", { name: "Ballot" })
    .getByRole("link")
    .getAttribute("href")) as string;
  for (const who of [alice, bob]) {
    await who.goto(budgetBallot);
    await who.getByRole("checkbox", { name: new RegExp(A_TITLE) }).check();
    await expect(who.getByText("12,000 of 50,000 spent.")).toBeVisible();
    await who.getByRole("button", { name: "Cast my vote" }).click();
    await expect(who.getByText(/Your vote is recorded in ledger entry \d+\./)).toBeVisible({
      timeout: 60_000,
    });
  }

  // And in the ranked ballot: A ranks Lantern Square then the Weavers, B only Lantern Square.
  await alice.goto(rankedUrl);
  await reloadUntil(alice, () => alice.getByRole("link", { name: "Vote on the ballot" }), 30_000);
  const rankedBallot = (await alice
    .getByRole("link", { name: "Vote on the ballot" })
    .getAttribute("href")) as string;
  for (const [who, ranking] of [
    [alice, [NAMES[1], NAMES[0]]],
    [bob, [NAMES[1]]],
  ] as const) {
    await who.goto(rankedBallot);
    for (const [i, name] of ranking.entries()) {
      await who.getByRole("button", { name: `Add as ${i === 0 ? "1st" : "2nd"} choice: ${name}` }).click();
    }
    await expect(who.getByTestId("ranking")).toContainText(ranking[0]);
    await who.getByRole("button", { name: "Cast my vote" }).click();
    await expect(who.getByText(/Your vote is recorded in ledger entry \d+\./)).toBeVisible({
      timeout: 60_000,
    });
  }
  await expectAccessible(alice);

  // The ballots close by themselves at the end of the ballot phase; the results are the tallies.
  await alice.goto(`${budgetBallot}/results`);
  await reloadUntil(alice, () => alice.getByTestId("funded-list"), 120_000);
  await expect(alice.getByTestId("funded-list")).toContainText(A_TITLE);
  await expect(alice.getByTestId("budget-summary")).toContainText("1 of 1 project funded");
  await expectAccessible(alice);
  await alice.goto(`${rankedBallot}/results`);
  await expect(alice.getByTestId("runoff-winner")).toHaveText(
    `${NAMES[1]} won in round 1, with 2 of the 2 ballots still counting.`,
  );
  await expect(alice.getByRole("table", { name: /Ballots per option, round by round/ })).toBeVisible();
  await expectAccessible(alice);

  // The council answers A's proposal, which reached the ballot; everyone sees the response.
  await council.goto(proposalUrl);
  await council.getByLabel("Status").selectOption({ label: "Accepted" });
  await council.getByLabel("Response (markdown)").fill("Funded: the sails go up in **May**.");
  await council.getByRole("button", { name: "Record the response" }).click();
  await expect(council.getByText(/The response is recorded in ledger entry \d+\./)).toBeVisible();
  await bob.goto(proposalUrl);
  await expect(bob.getByRole("region", { name: "The council's responses" })).toContainText(
    "Funded: the sails go up in May.",
  );
  await expect(bob.getByText("Council response: Accepted")).toBeVisible();

  for (const r of residents) await r.context.close();
  await council.context().close();
});
