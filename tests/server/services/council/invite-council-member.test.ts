import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilMembers, outboxMessages, verificationTokens } from "@/server/db/schema";
import { getMailTexts } from "@/server/i18n/get-mail-texts";
import { inviteCouncilMember } from "@/server/services/council/invite-council-member";
import { removeCouncilMember } from "@/server/services/council/remove-council-member";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";
import { actorOf, makeDistrict, makeUser, userByEmail } from "../../../helpers/fixtures";

let t: TestDb;
const secret = "s".repeat(40);
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function options(locale: "en" | "es" = "en") {
  return { secret, baseUrl: "http://plaza.test", mail: (await getMailTexts(locale)).invitation };
}

describe("inviteCouncilMember", () => {
  it("adds the person to the council and mails a working one-time sign-in link", async () => {
    const admin = actorOf(await makeUser(t.db, "admin@example.org", { admin: true }));
    const d = await makeDistrict(t.db, "riverside", "Riverside");
    const r = await inviteCouncilMember(
      t.db,
      admin,
      { districtId: d.id, email: "New.Member@Example.org", name: "Nia" },
      await options(),
    );
    expect(r.delivered).toBe("outbox");
    const user = await userByEmail(t.db, "new.member@example.org");
    expect(user?.name).toBe("Nia");
    const members = await t.db.select().from(councilMembers).where(eq(councilMembers.districtId, d.id));
    expect(members.map((m) => m.userId)).toEqual([user?.id]);

    const [mail] = await t.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.to, "new.member@example.org"));
    expect(mail?.subject).toContain("Riverside");
    const url = new URL(mail?.text.match(/https?:\/\/\S+/)?.[0] ?? "");
    expect(url.pathname).toBe("/api/auth/callback/nodemailer");
    expect(url.searchParams.get("callbackUrl")).toBe("http://plaza.test/dashboard");
    // The stored token is what Auth.js will look up: sha256(token + secret), never the token itself.
    const token = url.searchParams.get("token") ?? "";
    const stored = await t.db
      .select()
      .from(verificationTokens)
      .where(eq(verificationTokens.identifier, "new.member@example.org"));
    expect(stored.map((s) => s.token)).toEqual([
      createHash("sha256").update(`${token}${secret}`).digest("hex"),
    ]);
    expect(stored[0]?.token).not.toContain(token);
  });

  it("writes the mail in the inviter's language", async () => {
    const admin = actorOf(await makeUser(t.db, "admin-es@example.org", { admin: true }));
    const d = await makeDistrict(t.db, "centro", "Centro");
    await inviteCouncilMember(
      t.db,
      admin,
      { districtId: d.id, email: "lucia@example.org", name: "Lucía" },
      await options("es"),
    );
    const [mail] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.to, "lucia@example.org"));
    expect(mail?.subject).toBe("Te invitamos al consejo de Centro en Plaza");
  });

  it("refuses a second invitation to the same council and changes nothing", async () => {
    const admin = actorOf(await makeUser(t.db, "admin3@example.org", { admin: true }));
    const d = await makeDistrict(t.db, "hills");
    await inviteCouncilMember(
      t.db,
      admin,
      { districtId: d.id, email: "twice@example.org", name: "T" },
      await options(),
    );
    await expect(
      inviteCouncilMember(
        t.db,
        admin,
        { districtId: d.id, email: "twice@example.org", name: "T" },
        await options(),
      ),
    ).rejects.toMatchObject({ code: "ALREADY_COUNCIL_MEMBER" });
    const mails = await t.db.select().from(outboxMessages).where(eq(outboxMessages.to, "twice@example.org"));
    expect(mails).toHaveLength(1);
  });

  it("refuses an unknown district with NOT_FOUND and creates no user", async () => {
    const admin = actorOf(await makeUser(t.db, "admin4@example.org", { admin: true }));
    await expect(
      inviteCouncilMember(
        t.db,
        admin,
        { districtId: "00000000-0000-4000-8000-000000000000", email: "ghost@example.org", name: "G" },
        await options(),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await userByEmail(t.db, "ghost@example.org")).toBeUndefined();
  });

  it("lets the administrator remove a council member", async () => {
    const admin = actorOf(await makeUser(t.db, "admin5@example.org", { admin: true }));
    const d = await makeDistrict(t.db, "docks");
    const r = await inviteCouncilMember(
      t.db,
      admin,
      { districtId: d.id, email: "gone@example.org", name: "G" },
      await options(),
    );
    await removeCouncilMember(t.db, admin, { districtId: d.id, userId: r.userId });
    await expect(
      removeCouncilMember(t.db, admin, { districtId: d.id, userId: r.userId }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
