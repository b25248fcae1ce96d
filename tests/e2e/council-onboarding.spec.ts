import { expect, test } from "@playwright/test";
import { E2E } from "./e2e-config";
import { expectAccessible, linkIn, mailCount, waitForMail } from "./helpers";

test.describe.configure({ mode: "serial" });

test("the administrator signs in by e-mail, creates a district and invites a council member who reaches the dashboard", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();

  // Sign in with a magic link delivered over real SMTP.
  await admin.goto("/signin?next=/admin");
  await expectAccessible(admin);
  const before = mailCount();
  await admin.getByLabel("E-mail address").fill(E2E.adminEmail);
  await admin.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(admin.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expectAccessible(admin);
  const adminMail = await waitForMail(E2E.adminEmail, before);
  expect(adminMail.subject).toContain("Sign in to Plaza");
  await admin.goto(linkIn(adminMail));
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();
  await expectAccessible(admin);

  // Create a district.
  await admin.getByLabel("Name", { exact: true }).fill("North Bank");
  await admin.getByLabel("Web address").fill("north-bank");
  await admin.getByLabel("Description (optional)").fill("Warehouses turned into homes.");
  await admin.getByRole("button", { name: "Create a district" }).click();
  await expect(admin.locator("main").getByRole("status")).toHaveText("District North Bank created.");

  // A second district with the same address is refused with a clear message.
  await admin.getByLabel("Name", { exact: true }).fill("North Bank again");
  await admin.getByLabel("Web address").fill("north-bank");
  await admin.getByRole("button", { name: "Create a district" }).click();
  await expect(admin.locator("main").getByRole("alert")).toHaveText(
    "Another district already uses this web address. Choose a different one.",
  );

  // Invite a council member.
  const councilEmail = "nora.quist@example.org";
  await admin.getByLabel("District", { exact: true }).selectOption({ label: "North Bank" });
  await admin.getByLabel("Full name").fill("Nora Quist");
  await admin.getByLabel("E-mail address").fill(councilEmail);
  const beforeInvite = mailCount();
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.locator("main").getByRole("status")).toHaveText(
    `Invitation e-mailed to ${councilEmail}.`,
  );
  await expect(admin.getByRole("row", { name: /North Bank/ })).toContainText(councilEmail);
  await expectAccessible(admin);

  // The council member follows the invitation in their own browser and sees their dashboard.
  const invitation = await waitForMail(councilEmail, beforeInvite);
  expect(invitation.subject).toBe("You are invited to the council of North Bank on Plaza");
  const councilContext = await browser.newContext();
  const council = await councilContext.newPage();
  await council.goto(linkIn(invitation));
  await expect(council).toHaveURL(/\/dashboard$/);
  await expect(council.getByRole("heading", { name: "Council of North Bank" })).toBeVisible();
  await expect(council.getByText(`Signed in as ${councilEmail}`)).toBeVisible();
  await expectAccessible(council);

  // A council member is not the administrator.
  await council.goto("/admin");
  await expect(council.locator("main").getByRole("alert")).toHaveText(
    "Only the platform administrator can open this page.",
  );

  // The same link cannot be used twice.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(linkIn(invitation));
  await expect(stranger).toHaveURL(/\/auth\/error\?error=Verification/);
  await expect(stranger.getByRole("heading", { name: "This sign-in link no longer works" })).toBeVisible();
  await expectAccessible(stranger);

  // Signing out ends the session.
  await council.goto("/dashboard");
  await council.getByRole("button", { name: "Sign out" }).click();
  await expect(council.getByRole("link", { name: "Sign in" })).toBeVisible();
  await council.goto("/dashboard");
  await expect(council).toHaveURL(/\/signin/);

  await Promise.all([adminContext.close(), councilContext.close(), strangerContext.close()]);
});

test("the public pages show the city, the districts and their councils", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Demo City on Plaza", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "North Bank" }).click();
  await expect(page.getByRole("heading", { name: "North Bank", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Council" })).toContainText("Nora Quist");
  await expect(page.getByText(/nora\.quist@example\.org/)).toHaveCount(0);
  await expectAccessible(page);
  for (const [link, heading] of [
    ["Proposals", "No proposals yet."],
    ["Polls", "No poll is open right now."],
  ] as const) {
    await page
      .getByRole("navigation", { name: "District sections" })
      .getByRole("link", { name: link })
      .click();
    await expect(page.getByText(heading)).toBeVisible();
    await expectAccessible(page);
  }
  // Creating the district was recorded on the public ledger.
  await page
    .getByRole("navigation", { name: "District sections" })
    .getByRole("link", { name: "Ledger" })
    .click();
  await expect(page.getByRole("table", { name: "Ledger entries of North Bank" })).toContainText("North Bank");
  await expectAccessible(page);
});

test("unknown addresses give a real 404 page", async ({ page }) => {
  const response = await page.goto("/districts/atlantis");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto("/no/such/page"))?.status()).toBe(404);
  // With a real SMTP server configured, the development outbox does not exist.
  expect((await page.goto("/dev/outbox"))?.status()).toBe(404);
});

test("the language switcher translates the interface and is usable with the keyboard", async ({ page }) => {
  await page.goto("/");
  const switcher = page.getByLabel("Language");
  await switcher.focus();
  await expect(switcher).toBeFocused();
  await switcher.selectOption("es");
  await expect(page.getByRole("heading", { name: "Demo City en Plaza", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expectAccessible(page);
  await page.getByLabel("Idioma").selectOption("zh");
  await expect(page.getByRole("heading", { name: "Demo City · Plaza", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "Demo City on Plaza", level: 1 })).toBeVisible();
});

test("the skip link is the first stop for keyboard users and moves focus to the content", async ({
  page,
}) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("a stranger is sent to sign in, and the sign-in form explains a bad address", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?next=%2Fdashboard|\/signin\?next=\/dashboard/);
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "Enter a valid e-mail address, like name@example.org.",
  );
  await expectAccessible(page);
  // An unknown address gets the same answer as a known one, and no mail is sent.
  const before = mailCount();
  await page.getByLabel("E-mail address").fill("nobody@example.org");
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await page.waitForTimeout(500);
  expect(mailCount()).toBe(before);
});
