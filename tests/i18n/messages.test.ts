import { describe, expect, it } from "vitest";
import { catalogue, mergeCatalogues } from "@/i18n/load-messages";
import { negotiateLocale } from "@/i18n/locales";

const en = catalogue("en");
const es = catalogue("es");
const zh = catalogue("zh");

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The ICU arguments a message uses ({name}, {count, plural, …}); translations must use the same. */
function args(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([a-zA-Z]+)\s*[,}]/g)].map((m) => m[1] ?? ""))].sort();
}

describe("message catalogues", () => {
  const base = flatten(en as Tree);
  for (const [name, catalogue] of [
    ["zh", zh],
    ["es", es],
  ] as const) {
    it(`${name} has exactly the English keys, each translated with the same arguments`, () => {
      const other = flatten(catalogue as Tree);
      expect([...other.keys()].sort()).toEqual([...base.keys()].sort());
      for (const [key, message] of base) {
        const translated = other.get(key) ?? "";
        expect(translated.trim(), `${name}:${key} is empty`).not.toBe("");
        expect(args(translated), `${name}:${key} arguments`).toEqual(args(message));
      }
    });
  }
});

describe("mergeCatalogues", () => {
  it("merges areas deeply and refuses a message defined twice", () => {
    expect(mergeCatalogues([{ a: { x: "1" } }, { a: { y: "2" } }])).toEqual({ a: { x: "1", y: "2" } });
    expect(() => mergeCatalogues([{ a: { x: "1" } }, { a: { x: "2" } }])).toThrow("a.x");
  });
});

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["es-ES,es;q=0.9,en;q=0.5", "es"],
    ["zh-CN,zh;q=0.9", "zh"],
    ["fr-FR,de;q=0.8", "en"],
    ["en;q=0.1,zh;q=0.9", "zh"],
    ["garbage;;;q=x", "en"],
  ])("maps %s to %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe("error messages", () => {
  it("exist for every AppError code, so no failure reaches a person untranslated", async () => {
    const { APP_ERROR_CODES } = await import("@/server/errors/app-error");
    const errors = (en as { errors: Record<string, string> }).errors;
    expect(Object.keys(APP_ERROR_CODES).filter((code) => !(code in errors))).toEqual([]);
  });
});

describe("ledger entry type names", () => {
  it("exist for every entry type, so the explorer's filter and entry pages name each one", async () => {
    const { LEDGER_ENTRY_TYPES } = await import("@/core/entries");
    const types = (en as { ledger: { types: Record<string, string> } }).ledger.types;
    expect(LEDGER_ENTRY_TYPES.filter((type) => !(type in types))).toEqual([]);
  });
});
