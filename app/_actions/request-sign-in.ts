"use server";

import { z } from "zod";
import { signIn } from "@/server/auth/auth";

export type SignInState = { error: "invalidEmail" | "failed" | null };

/** Sends a magic link. Auth.js redirects to the check-your-mail page (a thrown NEXT_REDIRECT). */
export async function requestSignIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = z.email().safeParse(String(formData.get("email") ?? "").trim());
  if (!email.success) return { error: "invalidEmail" };
  const next = String(formData.get("next") ?? "");
  const redirectTo = /^\/[a-z]/.test(next) ? next : "/dashboard";
  try {
    await signIn("nodemailer", { email: email.data, redirectTo });
  } catch (e) {
    // Redirects are how a successful signIn ends; anything else is a real failure.
    if (e instanceof Error && "digest" in e && String(e.digest).startsWith("NEXT_REDIRECT")) throw e;
    console.error("[plaza] sign-in request failed:", e);
    return { error: "failed" };
  }
  return { error: null };
}
