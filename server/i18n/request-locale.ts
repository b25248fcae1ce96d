import { isLocale, LOCALE_COOKIE, type Locale, negotiateLocale } from "../../i18n/locales";

/** The UI language of a request, from the switcher's cookie or Accept-Language. */
export function requestLocale(headers: Headers): Locale {
  const cookie = headers.get("cookie") ?? "";
  const match = cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([k]) => k === LOCALE_COOKIE);
  const chosen = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  return isLocale(chosen) ? chosen : negotiateLocale(headers.get("accept-language"));
}
