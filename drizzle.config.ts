import { defineConfig } from "drizzle-kit";

// Migrations are generated from the one schema (`npm run db:generate`) and committed under drizzle/.
// They are applied at start by server/db/migrate-database.ts, on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema/index.ts",
  out: "./drizzle",
});
