import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users } from "../../db/schema";

/** The platform administrator always exists; the address comes from PLAZA_ADMIN_EMAIL. */
export async function ensurePlatformAdmin(db: DbOrTx, email: string) {
  const normalized = email.trim().toLowerCase();
  await db
    .insert(users)
    .values({ email: normalized, name: "Platform administrator", isPlatformAdmin: true })
    .onConflictDoUpdate({ target: users.email, set: { isPlatformAdmin: true } });
  const [admin] = await db.select().from(users).where(eq(users.email, normalized));
  if (!admin) throw new Error("platform administrator vanished after upsert");
  return admin;
}
