import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/server/auth/get-actor";
import { signOutAction } from "../_actions/sign-out-action";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader() {
  const t = await getTranslations("nav");
  const actor = await getActor();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-brand-700">
          Plaza
        </Link>
        <nav aria-label={t("main")}>
          <ul className="flex flex-wrap items-center gap-4">
            <li>
              <Link href="/" className="underline-offset-4 hover:underline">
                {t("home")}
              </Link>
            </li>
            <li>
              <Link href="/ledger" className="underline-offset-4 hover:underline">
                {t("ledger")}
              </Link>
            </li>
            <li>
              <Link href="/receipts" className="underline-offset-4 hover:underline">
                {t("receipts")}
              </Link>
            </li>
            <li>
              <Link href="/verify" className="underline-offset-4 hover:underline">
                {t("verify")}
              </Link>
            </li>
            {actor ? (
              <>
                <li>
                  <Link href="/dashboard" className="underline-offset-4 hover:underline">
                    {t("dashboard")}
                  </Link>
                </li>
                {actor.isPlatformAdmin ? (
                  <li>
                    <Link href="/admin" className="underline-offset-4 hover:underline">
                      {t("admin")}
                    </Link>
                  </li>
                ) : null}
                <li>
                  <form action={signOutAction}>
                    <button type="submit" className="underline-offset-4 hover:underline">
                      {t("signOut")}
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <li>
                <Link href="/signin" className="underline-offset-4 hover:underline">
                  {t("signIn")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}
