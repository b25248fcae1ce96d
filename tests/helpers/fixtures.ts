import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { councilMembers, districts, users } from "@/server/db/schema";
import type { Actor } from "@/server/services/auth/actor";

export async function makeUser(db: Db, email: string, opts: { admin?: boolean; name?: string } = {}) {
  const [user] = await db
    .insert(users)
    .values({ email, name: opts.name ?? email.split("@")[0], isPlatformAdmin: opts.admin ?? false })
    .returning();
  if (!user) throw new Error("user not created");
  return user;
}

export function actorOf(user: { id: string; email: string; isPlatformAdmin: boolean }): NonNullable<Actor> {
  return { userId: user.id, email: user.email, isPlatformAdmin: user.isPlatformAdmin };
}

export async function makeDistrict(db: Db, slug: string, name = slug) {
  const [d] = await db.insert(districts).values({ slug, name }).returning();
  if (!d) throw new Error("district not created");
  return d;
}

export async function addToCouncil(db: Db, districtId: string, userId: string) {
  await db.insert(councilMembers).values({ districtId, userId });
}

export async function userByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return u;
}
