import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

test("an observer verifies the whole ledger in the browser: key pinned, every phase run, the demo poll recounted", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Verify the ledger" })
    .click();
  await expect(page.getByRole("heading", { name: "Verify the ledger", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Only public ledger reads: the verifier fetches the checkpoint, tiles and bundles itself.
  const ledgerReads: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/ledger/")) ledgerReads.push(url.pathname);
  });

  await page.getByRole("button", { name: "Verify the whole ledger" }).click();
  const verdict = page.getByTestId("verify-verdict");
  await expect(verdict).toHaveText(/^Verified: all \d+ entries check out$/, { timeout: 120_000 });
  await expect(page.getByText("The log key the server serves was pinned in this browser.")).toBeVisible();
  const vkey = (await (await request.get("/ledger/vkey")).text()).trim();
  await expect(page.getByLabel("Log key")).toHaveValue(vkey);

  for (const phase of ["Checkpoint", "Tree", "Entries", "Proofs", "Tallies"]) {
    await expect(page.getByRole("progressbar", { name: phase })).toHaveAttribute("aria-valuenow", "100");
  }
  const result = page.getByRole("region", { name: /^Verified/ });
  await expect(
    result.getByText(/Semaphore proofs checked in batches .*: (\d+) valid, 0 invalid/),
  ).toBeVisible();
  // The demo's closed Riverside poll (twelve residents' real votes) is recounted and matches.
  const row = result.getByRole("row", { name: /Riverside park: which playground design\?/ });
  await expect(row).toContainText("turnout 12");
  await expect(row).toContainText("matches");
  expect(ledgerReads).toContain("/ledger/checkpoint");
  expect(ledgerReads.some((p) => p.startsWith("/ledger/tile/entries/"))).toBe(true);
  expect(ledgerReads.some((p) => /^\/ledger\/tile\/0\//.test(p))).toBe(true);
  await expectAccessible(page);

  // A second run checks consistency with the checkpoint this browser verified the first time.
  await page.getByRole("button", { name: "Verify the whole ledger" }).click();
  await expect(verdict).toHaveText(/^Verified/, { timeout: 120_000 });
  await expect(result.getByText(/consistent with the checkpoint verified before/)).toBeVisible();

  // A key that is not the log's makes the check fail loudly, naming the reason.
  await page.getByLabel("Log key").fill(vkey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"));
  await page.getByRole("button", { name: "Verify the whole ledger" }).click();
  await expect(page.getByText(/^The check could not run/)).toBeVisible();
});
