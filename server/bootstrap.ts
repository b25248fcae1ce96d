import "server-only";
import { getDatabase } from "./db/get-db";
import { EnvError, env, publicUrl } from "./env";
import { getLedgerRuntime } from "./ledger/ledger-runtime";
import { startPollScheduler } from "./polls/start-poll-scheduler";
import { createSignInLink } from "./services/auth/create-sign-in-link";
import { resolveAuthSecret } from "./services/auth/resolve-auth-secret";
import { ensurePlatformAdmin } from "./services/seed/ensure-platform-admin";
import { seedDemoCity } from "./services/seed/seed-demo-city";
import { ArtifactIntegrityError, verifyArtifacts } from "./zk/verify-artifacts";

/**
 * Server start: refuse to run on a bad environment or tampered ZK artifacts, then migrate, make
 * sure the administrator exists, seed the demo city once, and print the administrator's one-time
 * sign-in link while they have never signed in. Any failure is one line on stderr and exit 1.
 */
const POLL_TICK_MS = 1_000;

export async function bootstrap(): Promise<void> {
  try {
    const started = Date.now();
    await verifyArtifacts();
    const handle = await getDatabase();
    const admin = await ensurePlatformAdmin(handle.db, env.PLAZA_ADMIN_EMAIL);
    const { seeded } = env.PLAZA_SEED_DEMO ? await seedDemoCity(handle.db, admin.id) : { seeded: false };
    const where =
      handle.kind === "pglite" ? `embedded PGlite in ${env.PLAZA_DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
    console.log(
      `[plaza] database: ${where}${seeded ? "; seeded Demo City" : ""} (${Date.now() - started} ms)`,
    );
    // Start the checkpoint loop now, and sign what the seed appended, so the ledger is readable
    // from the first request.
    const ledger = await getLedgerRuntime();
    await ledger.checkpointNow();
    console.log(`[plaza] ledger ${ledger.identity.origin}, verifier key ${ledger.identity.verifierKey}`);
    // Polls open and close by themselves; a change asks for a checkpoint right away.
    startPollScheduler(handle.db, ledger.identity.origin, POLL_TICK_MS, ledger.requestCheckpoint);
    if (!admin.emailVerified) {
      const link = await createSignInLink(handle.db, {
        email: admin.email,
        secret: await resolveAuthSecret(handle.db),
        baseUrl: publicUrl(),
        callbackPath: "/admin",
      });
      console.log(
        `\n[plaza] One-time sign-in link for the platform administrator (${admin.email}), valid 24 hours:\n  ${link.url}\n`,
      );
    }
    console.log(`[plaza] Plaza is ready on ${publicUrl()}`);
  } catch (e) {
    const oneLine =
      e instanceof EnvError || e instanceof ArtifactIntegrityError
        ? e.message
        : `start-up failed: ${e instanceof Error ? e.message : String(e)}`;
    console.error(`[plaza] ${oneLine}`);
    process.exit(1);
  }
}
