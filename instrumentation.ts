// Next.js calls register() once per server process before it serves requests. Plaza uses it to
// check the environment and the ZK artifacts, open and migrate the database, and seed the demo
// city, so every way of starting the server (npm start, next start, several instances) does it.
// NEXT_RUNTIME / NEXT_PHASE are Next's own switches, read here because env.ts is not loaded yet.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootstrap } = await import("./server/bootstrap");
  await bootstrap();
}
