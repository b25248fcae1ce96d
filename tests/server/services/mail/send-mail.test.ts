import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listOutbox } from "@/server/services/mail/list-outbox";
import { sendMail } from "@/server/services/mail/send-mail";
import { createTestDb, type TestDb } from "../../../helpers/create-test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("sendMail without SMTP", () => {
  it("keeps the message in the outbox and prints it on the console, never dropping it", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const r = await sendMail(t.db, { to: "someone@example.org", subject: "Hello", text: "Link: http://x/y" });
    expect(r.delivered).toBe("outbox");
    expect(log.mock.calls.flat().join("\n")).toContain("http://x/y");
    log.mockRestore();
    const [latest] = await listOutbox(t.db);
    expect(latest).toMatchObject({ to: "someone@example.org", subject: "Hello", text: "Link: http://x/y" });
  });
});
