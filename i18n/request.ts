import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./load-messages";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "./locales";

// No locale in the URL: the language switcher stores the choice in a cookie, otherwise the
// browser's Accept-Language decides. Pages stay at one address in every language.
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
