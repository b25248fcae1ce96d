import type { Actor } from "../services/auth/actor";
import { auth } from "./auth";

/** The signed-in person behind the current request, or null. */
export async function getActor(): Promise<Actor> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { userId: user.id, email: user.email, isPlatformAdmin: user.isPlatformAdmin };
}
