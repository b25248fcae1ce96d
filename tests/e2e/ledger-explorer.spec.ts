import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";

test.describe.configure({ mode: "serial" });

test("the ledger page shows the signed checkpoint, the verifier key and entries filtered by type", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Ledger", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Public ledger", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Demo City's two districts are on the ledger, and a checkpoint covering them is signed at start.
  const checkpoint = page.getByRole("region", { name: "Latest signed checkpoint" });
  const size = BigInt((await checkpoint.locator("#tree-size").textContent()) ?? "0");
  expect(size).toBeGreaterThanOrEqual(2n);
  const note = (await checkpoint.locator("pre").textContent()) ?? "";
  expect(note.split("\n")[1], "the signed note's second line is the tree size").toBe(size.toString());

  // The key shown is the key served for observers to pin.
  const vkey = (await (await request.get("/ledger/vkey")).text()).trim();
  expect(vkey).toMatch(/^[^+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
  await expect(page.locator("#verifier-key")).toHaveText(vkey);
  await expect(page.getByRole("heading", { name: "Witnesses" })).toBeVisible();

  // Filter by type with the keyboard: a plain GET form.
  const typeSelect = page.getByLabel("Entry type");
  await typeSelect.focus();
  await expect(typeSelect).toBeFocused();
  await typeSelect.selectOption("district_created");
  await page.getByRole("button", { name: "Show entries" }).press("Enter");
  await expect(page).toHaveURL(/\/ledger\?type=district_created$/);
  await expect(page.getByLabel("Entry type")).toHaveValue("district_created");
  const rows = page.getByRole("table", { name: "Ledger entries from index 0" }).locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  for (const row of await rows.all()) await expect(row).toContainText("District created");
  await expect(rows.filter({ hasText: "Riverside" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Old Town" })).toHaveCount(1);
  await expectAccessible(page);

  // A type nothing has yet: an empty page, said in words.
  await page.getByLabel("Entry type").selectOption("moderation");
  await page.getByRole("button", { name: "Show entries" }).click();
  await expect(page).toHaveURL(/\?type=moderation$/);
  await expect(page.getByText("No entries match.")).toBeVisible();
});

test("the type filter works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/ledger");
  await page.getByLabel("Entry type").selectOption("district_created");
  await page.getByRole("button", { name: "Show entries" }).click();
  await expect(page).toHaveURL(/\/ledger\?type=district_created$/);
  await expect(page.getByRole("row", { name: /Riverside/ })).toBeVisible();
  await context.close();
});

test("an entry's detail shows its bytes and proof, and the browser recomputes the proof", async ({
  page,
}) => {
  await page.goto("/ledger?type=district_created");
  const row = page.getByRole("row", { name: /Riverside/ });
  const index = ((await row.getByRole("link").textContent()) ?? "").trim();
  expect(index).toMatch(/^\d+$/);
  await row.getByRole("link", { name: index }).click();
  await expect(page).toHaveURL(new RegExp(`/ledger/entries/${index}$`));
  await expect(page.getByRole("heading", { name: `Ledger entry ${index}`, level: 1 })).toBeVisible();
  await expect(page.getByText('"name": "Riverside"')).toBeVisible();
  await expect(page.getByRole("heading", { name: "Inclusion proof" })).toBeVisible();
  await expect(page.getByText("Checkpoint tree size")).toBeVisible();
  await expectAccessible(page);

  const button = page.getByRole("button", { name: "Recompute in my browser" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`All checks passed: entry ${index} is in the log as signed.`)).toBeVisible();
  const steps = page.locator("[data-step]");
  await expect(steps).toHaveCount(4);
  await expect(page.locator('[data-step][data-status="passed"]')).toHaveCount(4);
  for (const step of await steps.all()) await expect(step).toContainText("✓");
  await expect(page.locator('[data-step="signature"]')).toContainText("validly signed");
  await expect(page.locator('[data-step="root"]')).toContainText("equals the signed checkpoint's root");
  await expect(button).toBeEnabled();
  await expectAccessible(page);
});

test("unknown or malformed entry indexes give a real 404 page", async ({ page }) => {
  for (const path of [
    "/ledger/entries/999999",
    "/ledger/entries/abc",
    "/ledger/entries/-1",
    "/ledger/entries/01",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectAccessible(page);
});

test("a district's ledger section lists its own entries", async ({ page }) => {
  await page.goto("/districts/riverside");
  await page
    .getByRole("navigation", { name: "District sections" })
    .getByRole("link", { name: "Ledger", exact: true })
    .click();
  await expect(page).toHaveURL(/\/districts\/riverside\/ledger$/);
  const table = page.getByRole("table", { name: "Ledger entries of Riverside" });
  const row = table.getByRole("row", { name: /District created/ });
  await expect(row).toContainText("Riverside");
  await expect(table.getByRole("row", { name: /Old Town/ })).toHaveCount(0);
  await expectAccessible(page);
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/ledger\/entries\/\d+$/);
  await expect(page.getByText('"slug": "riverside"')).toBeVisible();
});
