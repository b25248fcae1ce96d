import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { catalogue } from "@/i18n/load-messages";
import type { Locale } from "@/i18n/locales";

/**
 * A component's first render as HTML, with the whole catalogue of `locale` (as the app's layout
 * provides it), for tests that read what a page shows. Effects do not run.
 */
export function renderWithIntl(ui: ReactElement, locale: Locale = "en"): string {
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: catalogue(locale),
      timeZone: "UTC",
      // biome-ignore lint/correctness/noChildrenProp: the provider's props type requires children
      children: ui,
    }),
  );
}
