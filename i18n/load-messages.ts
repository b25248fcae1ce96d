import type { Locale } from "./locales";

/** Catalogues are imported statically so both Next bundles and plain Node scripts can load them. */
export async function loadMessages(locale: Locale) {
  switch (locale) {
    case "zh":
      return (await import("../messages/zh.json")).default;
    case "es":
      return (await import("../messages/es.json")).default;
    default:
      return (await import("../messages/en.json")).default;
  }
}
