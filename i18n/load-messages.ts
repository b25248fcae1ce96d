import councilEn from "../messages/council/en.json";
import councilEs from "../messages/council/es.json";
import councilZh from "../messages/council/zh.json";
import en from "../messages/en.json";
import es from "../messages/es.json";
import observerEn from "../messages/observer/en.json";
import observerEs from "../messages/observer/es.json";
import observerZh from "../messages/observer/zh.json";
import processesEn from "../messages/processes/en.json";
import processesEs from "../messages/processes/es.json";
import processesZh from "../messages/processes/zh.json";
import residentEn from "../messages/resident/en.json";
import residentEs from "../messages/resident/es.json";
import residentZh from "../messages/resident/zh.json";
import resultsEn from "../messages/results/en.json";
import resultsEs from "../messages/results/es.json";
import resultsZh from "../messages/results/zh.json";
import zh from "../messages/zh.json";
import type { Locale } from "./locales";

// One catalogue per locale, assembled from the base file and one file per product area
// (messages/<area>/<locale>.json), so areas can be worked on side by side. Catalogues are imported
// statically so both Next bundles and plain Node scripts (mail, CLI) can load them.

export type MessageTree = { [key: string]: string | MessageTree };

const PARTS: Record<Locale, readonly MessageTree[]> = {
  en: [en, councilEn, residentEn, resultsEn, observerEn, processesEn],
  zh: [zh, councilZh, residentZh, resultsZh, observerZh, processesZh],
  es: [es, councilEs, residentEs, resultsEs, observerEs, processesEs],
};

/**
 * Deep-merges catalogue parts. Two parts defining the same message is a mistake (one would win
 * silently), so it throws, naming the key.
 */
export function mergeCatalogues(parts: readonly MessageTree[], path = ""): MessageTree {
  const out: MessageTree = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const at = path ? `${path}.${key}` : key;
      const existing = out[key];
      if (existing === undefined) out[key] = value;
      else if (typeof existing === "string" || typeof value === "string") {
        throw new Error(`Message ${at} is defined twice`);
      } else out[key] = mergeCatalogues([existing, value], at);
    }
  }
  return out;
}

const cache = new Map<Locale, MessageTree>();

/** The whole catalogue of a locale. */
export function catalogue(locale: Locale): MessageTree {
  let merged = cache.get(locale);
  if (!merged) {
    merged = mergeCatalogues(PARTS[locale]);
    cache.set(locale, merged);
  }
  return merged;
}

/** The catalogue of a locale, typed by its base part so typed translators (mail) keep their checks. */
export async function loadMessages(locale: Locale): Promise<typeof en> {
  return catalogue(locale) as typeof en;
}
