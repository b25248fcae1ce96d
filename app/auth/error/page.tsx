import Link from "next/link";
import { getTranslations } from "next-intl/server";

const KNOWN = new Set(["Verification", "AccessDenied", "Configuration"]);

/** Auth.js sends every sign-in failure here, e.g. ?error=Verification for an expired or used link. */
export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations("authError");
  const { error } = await searchParams;
  const kind = typeof error === "string" && KNOWN.has(error) ? error : "Default";
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t(`${kind}.title`)}</h1>
      <p className="max-w-2xl">{t(`${kind}.body`)}</p>
      <p>
        <Link href="/signin" className="text-brand-700 underline underline-offset-4">
          {t("requestNew")}
        </Link>
      </p>
    </div>
  );
}
