import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "./_components/site-header";
import { TrpcReactProvider } from "./_lib/trpc-provider";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "Plaza", template: "%s · Plaza" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("layout");
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider>
          <a href="#main" className="skip-link">
            {t("skipToContent")}
          </a>
          <TrpcReactProvider>
            <SiteHeader />
            <main id="main" className="mx-auto max-w-5xl px-4 py-8">
              {children}
            </main>
          </TrpcReactProvider>
          <footer className="mx-auto max-w-5xl px-4 py-8 text-sm text-slate-700">{t("footer")}</footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
