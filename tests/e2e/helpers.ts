import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { E2E } from "./e2e-config";

export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
}

function mails(): CapturedMail[] {
  return readdirSync(E2E.mailDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(E2E.mailDir, f), "utf8")) as CapturedMail);
}

/** Waits for the newest mail to `to` captured by the test SMTP server after `after` mails. */
export async function waitForMail(to: string, after = 0): Promise<CapturedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = mails()
      .slice(after)
      .filter((m) => m.to.includes(to.toLowerCase()));
    const last = found.at(-1);
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} within 15 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function mailCount(): number {
  return mails().length;
}

export function linkIn(mail: CapturedMail): string {
  const url = mail.text.match(/https?:\/\/\S+/)?.[0];
  if (!url) throw new Error(`no link in mail "${mail.subject}"`);
  return url;
}

/** Every page a browser test visits must have zero serious or critical axe-core violations. */
export async function expectAccessible(page: Page) {
  // Next streams metadata: right after a client-side refresh the <title> can arrive a moment after
  // the content. Check the page as it settles, not in that instant.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
}

/** Signs `email` in through the e-mailed link, in a browser context of its own; lands on the dashboard. */
export async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin?next=/dashboard");
  const before = mailCount();
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await page.goto(linkIn(await waitForMail(email, before)));
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/**
 * On the council's census page: generates `count` invitation codes and reads them back from the
 * downloaded CSV, as a council member would hand them out.
 */
export async function generateCodes(council: Page, district: string, count: number): Promise<string[]> {
  await council.getByLabel("Number of codes").fill(String(count));
  await council.getByRole("button", { name: "Generate codes" }).click();
  await expect(council.getByText(`${count} codes generated for ${district}.`)).toBeVisible();
  const [download] = await Promise.all([
    council.waitForEvent("download"),
    council.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path()) as string, "utf8");
  const codes = [...csv.matchAll(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g)].map((m) => m[0]);
  expect(codes).toHaveLength(count);
  return codes;
}

/** A resident in a browser context of their own joins `district` (`slug`) with `code`. */
export async function joinAsResident(
  browser: Browser,
  district: { slug: string; name: string },
  code: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/join?district=${district.slug}`);
  await expect(page.getByRole("combobox", { name: "District" })).toHaveValue(/.+/);
  await page.getByRole("textbox", { name: "Invitation code" }).fill(code);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText(`You are now a member of ${district.name}.`, { exact: false })).toBeVisible({
    timeout: 20_000,
  });
  return { context, page };
}
