import { createTranslator } from "next-intl";
import { loadMessages } from "../../i18n/load-messages";
import type { Locale } from "../../i18n/locales";
import type { InvitationMail } from "../services/council/invite-council-member";

/** Mail is written in the language of the person who triggered it (their UI language). */
export async function getMailTexts(locale: Locale) {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "mail" });
  const invitation: InvitationMail = {
    subject: (v) => t("invitationSubject", v),
    body: (v) => t("invitationBody", v),
  };
  return {
    invitation,
    signInSubject: (host: string) => t("signInSubject", { host }),
    signInBody: (url: string, host: string) => t("signInBody", { url, host }),
  };
}
