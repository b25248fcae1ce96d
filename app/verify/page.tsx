import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LedgerVerifier } from "./_components/ledger-verifier";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verifyPage");
  return { title: t("title") };
}

/**
 * Verify the whole ledger in this browser: the same checks as `npx plaza verify`, run in Web
 * Workers over the public tiles (app/verify/_lib). The page renders nothing about the ledger on
 * the server, on purpose: an observer must not depend on what this server computes.
 */
export default async function VerifyPage() {
  const t = await getTranslations("verifyPage");
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-2xl text-slate-700">{t("intro")}</p>
        <ol className="flex max-w-2xl list-decimal flex-col gap-1 pl-6 text-slate-800">
          {(["checkpoint", "tree", "entries", "proofs", "tallies"] as const).map((phase) => (
            <li key={phase}>{t(`how.${phase}`)}</li>
          ))}
        </ol>
        <p className="max-w-2xl text-sm text-slate-700">{t("cli")}</p>
      </div>
      <LedgerVerifier />
    </div>
  );
}
