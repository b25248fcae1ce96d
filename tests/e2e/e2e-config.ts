import os from "node:os";
import path from "node:path";

/** Ports and folders shared by the global setup (which starts the servers) and the specs. */
const port = Number(process.env.PLAZA_E2E_PORT ?? 3210);
export const E2E = {
  port,
  smtpPort: Number(process.env.PLAZA_E2E_SMTP_PORT ?? 2626),
  baseUrl: `http://localhost:${port}`,
  adminEmail: "admin@example.org",
  mailDir: path.join(os.tmpdir(), `plaza-e2e-mail-${port}`),
  dataDir: path.join(os.tmpdir(), `plaza-e2e-data-${port}`),
};
