import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed";

/**
 * `npm start`: validate the environment, build if needed, then run the production server on PORT.
 * Migrations, the demo seed and the administrator's first sign-in link happen inside the server
 * process (instrumentation.ts), because that process owns the embedded database.
 */
async function main() {
  let port: number;
  try {
    ({
      env: { PORT: port },
    } = await import("../server/env"));
  } catch (e) {
    console.error(`[plaza] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  buildIfNeeded();
  const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(port)], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

void main();
