import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { E2E } from "./e2e-config";

/**
 * Starts what the browser tests talk to: a real SMTP server (the `smtp-server` package) that
 * writes every message it receives to a folder the specs read, and Plaza itself (production
 * build, fresh embedded database) configured to send mail to it.
 */
export default async function globalSetup() {
  const root = path.resolve(import.meta.dirname, "../..");
  buildIfNeeded(root);
  rmSync(E2E.mailDir, { recursive: true, force: true });
  rmSync(E2E.dataDir, { recursive: true, force: true });
  mkdirSync(E2E.mailDir, { recursive: true });

  let n = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const file = path.join(E2E.mailDir, `${String(++n).padStart(4, "0")}.json`);
          writeFileSync(file, JSON.stringify({ to, subject: mail.subject ?? "", text: mail.text ?? "" }));
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(E2E.smtpPort, "127.0.0.1", () => resolve());
  });

  const app: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/next"),
    ["start", "--port", String(E2E.port)],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(E2E.port),
        PLAZA_DATA_DIR: E2E.dataDir,
        PLAZA_PUBLIC_URL: E2E.baseUrl,
        PLAZA_ADMIN_EMAIL: E2E.adminEmail,
        SMTP_URL: `smtp://127.0.0.1:${E2E.smtpPort}`,
        DATABASE_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  app.stdout?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  app.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const deadline = Date.now() + 90_000;
  while (!log.includes("Plaza is ready")) {
    if (app.exitCode !== null) throw new Error(`Plaza exited during start:\n${log}`);
    if (Date.now() > deadline) throw new Error(`Plaza did not start in 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return async () => {
    app.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    if (app.exitCode === null) app.kill("SIGKILL");
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (process.env.PLAZA_E2E_SHOW_LOG) console.log(log);
  };
}
