import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/server/auth/get-actor";
import { SignInForm } from "../_components/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getActor()) redirect("/dashboard");
  const t = await getTranslations("signIn");
  const { next } = await searchParams;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-2xl">{t("intro")}</p>
      <SignInForm next={typeof next === "string" ? next : undefined} />
    </div>
  );
}
