import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// core/ is shared by the browser, Web Workers, the server and the observer CLI (shared/STYLE.md,
// "Architecture"), so it may import only other core files and portable libraries: no Node
// built-ins, no Next, tRPC or database code, no Buffer or process.
const CORE = path.resolve(import.meta.dirname, "../../core");
const ALLOWED = [/^\.{1,2}\//, /^@noble\/(hashes|curves)\//, /^zod$/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

describe("core/", () => {
  const files = sources(CORE);

  it("has source files", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((file) => [path.relative(CORE, file), file]))(
    "%s imports only portable modules",
    (_, file) => {
      // Comments may mention Buffer and friends; code may not.
      const text = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map(
        (m) => m[1] as string,
      );
      for (const specifier of specifiers) {
        expect(
          ALLOWED.some((pattern) => pattern.test(specifier)),
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
      expect(text, "uses Node globals").not.toMatch(/\b(Buffer|process|require)\s*[.(]/);
    },
  );
});
