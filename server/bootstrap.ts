import "server-only";
import { getDatabase } from "./db/get-db";
import { EnvError, env, publicUrl } from "./env";
import { getLedgerRuntime } from "./ledger/ledger-runtime";
import { startPollScheduler } from "./polls/start-poll-scheduler";
import { createSignInLink } from "./services/auth/create-sign-in-link";
import { resolveAuthSecret } from "./services/auth/resolve-auth-secret";
import { ensurePlatformAdmin } from "./services/seed/ensure-platform-admin";
import { type DemoSeed, seedDemo } from "./services/seed/seed-demo";
import type { DemoInvitations } from "./services/seed/seed-demo-polls";
import { ArtifactIntegrityError, verifyArtifacts } from "./zk/verify-artifacts";

/**
 * Server start: refuse to run on a bad environment or tampered ZK artifacts, then migrate, make
 * sure the administrator exists, seed the demo city and its polls once (their votes are real proofs
 * made here, a few seconds on the first start only), and print the administrator's one-time
 * sign-in link while they have never signed in, and the demo's invitation codes the one time they
 * exist in plain text. Any failure is one line on stderr and exit 1.
 */
const POLL_TICK_MS = 1_000;

export async function bootstrap(): Promise<void> {
  try {
    const started = Date.now();
    await verifyArtifacts();
    const handle = await getDatabase();
    const admin = await ensurePlatformAdmin(handle.db, env.PLAZA_ADMIN_EMAIL);
    // The checkpoint loop starts before the seed: the demo polls' scope needs the log's origin.
    const ledger = await getLedgerRuntime();
    const seed = await seedDemo(handle.db, {
      enabled: env.PLAZA_SEED_DEMO,
      adminId: admin.id,
      origin: ledger.identity.origin,
    });
    const where =
      handle.kind === "pglite" ? `embedded PGlite in ${env.PLAZA_DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
    console.log(`[plaza] database: ${where}${seedSummary(seed)} (${Date.now() - started} ms)`);
    // Sign what the seed appended, so the ledger is readable from the first request.
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
    if (seed.polls?.invitations.length) printInvitations(seed.polls.invitations);
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

function seedSummary(seed: DemoSeed): string {
  const parts = seed.city ? ["seeded Demo City"] : [];
  const p = seed.polls?.polls;
  if (p) {
    const votes = `${p.votesCast} real votes, ${p.votesReplaced} changed${p.votesRefused ? `, ${p.votesRefused} too late` : ""}`;
    parts.push(
      `seeded Riverside's demo polls (${votes}; proofs ${(p.provingMs / 1000).toFixed(1)} s, ${(p.totalMs / 1000).toFixed(1)} s in all) and its participatory budget`,
    );
  }
  return parts.length ? `; ${parts.join("; ")}` : "";
}

/** The demo's invitation codes: only their hashes are stored, so this is the one time they show. */
function printInvitations(invitations: DemoInvitations[]): void {
  const lines = invitations.flatMap((i) => [
    `  ${i.districtName}: ${publicUrl()}/join?district=${encodeURIComponent(i.districtSlug)}`,
    ...i.codes.map((code) => `    ${code}`),
  ]);
  console.log(
    [
      "",
      "[plaza] Invitation codes to join Demo City as a resident, one person each. Printed this once: only their hashes are stored.",
      ...lines,
      "  Riverside's library poll opens as soon as one more resident joins, who can then vote in it.",
      "",
    ].join("\n"),
  );
}
