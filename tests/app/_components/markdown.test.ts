import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeMarkdownUrl } from "@/app/_components/markdown";

// Rendered without a DOM: the markup React would send to the browser is what an attacker controls.
function render(source: string): string {
  return renderToStaticMarkup(createElement(Markdown, { source }));
}

/** Every opening tag's name in the markup, e.g. ["div", "p", "a"]. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => (m[1] ?? "").toLowerCase());
}

describe("Markdown", () => {
  it("renders ordinary markdown: emphasis, lists, links", () => {
    const html = render("Some **bold** text\n\n- one\n- two\n\n[docs](/ledger)");
    expect(html).toContain("<strong>bold</strong>");
    expect(tags(html)).toEqual(["div", "p", "strong", "ul", "li", "li", "p", "a"]);
    expect(html).toContain('href="/ledger"');
  });

  const hostile: [label: string, source: string][] = [
    ["a script element", "<script>alert(1)</script>"],
    ["an inline script with text around it", "before <script>alert(1)</script> after"],
    ["an img with onerror", '<img src=x onerror="alert(1)">'],
    ["an svg with onload", '<svg onload="alert(1)"></svg>'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["a div with an event handler", '<div onclick="alert(1)">click</div>'],
    ["a style element", "<style>body{display:none}</style>"],
    ["a raw anchor to javascript:", '<a href="javascript:alert(1)">x</a>'],
  ];
  for (const [label, source] of hostile) {
    it(`drops raw HTML: ${label}`, () => {
      const html = render(source);
      for (const tag of tags(html)) {
        expect(["div", "p"], `${label}: unexpected <${tag}> in ${html}`).toContain(tag);
      }
      expect(html, label).not.toMatch(/<script|<img|<svg|<iframe|<style|onerror|onload|onclick|javascript:/i);
    });
  }

  const badLinks: [label: string, source: string][] = [
    ["javascript:", "[click](javascript:alert(1))"],
    ["upper-case JAVASCRIPT:", "[click](JAVASCRIPT:alert(1))"],
    ["javascript: behind an entity", "[click](jav&#x61;script:alert(1))"],
    ["javascript: behind a tab escape", "[click](java&#9;script:alert(1))"],
    ["vbscript:", "[click](vbscript:msgbox(1))"],
    ["data: HTML", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["an autolink to javascript:", "<javascript:alert(1)>"],
    ["a reference link to javascript:", "[click][x]\n\n[x]: javascript:alert(1)"],
  ];
  for (const [label, source] of badLinks) {
    it(`keeps the text but drops the link for ${label}`, () => {
      const html = render(source);
      expect(html, label).not.toMatch(/<a\b|href=/);
      // The text may still read "javascript:…" (an autolink's text is its URL), never as an attribute.
      expect(html, label).not.toMatch(/="[^"]*(javascript|vbscript|data):/i);
    });
  }

  it("renders the link text of a dropped link as plain text", () => {
    const html = render("[click me](javascript:alert(1))");
    expect(html.replace(/ class="[^"]*"/g, "")).toBe("<div><p><span>click me</span></p></div>");
  });

  it("marks external links noopener noreferrer nofollow", () => {
    const html = render("[site](https://example.org/a?b=1) and [other](//example.net)");
    const anchors = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(anchors).toHaveLength(2);
    for (const a of anchors) expect(a).toContain('rel="noopener noreferrer nofollow"');
  });

  it("does not mark links inside Plaza as external", () => {
    const html = render("[ledger](/ledger) [here](#options)");
    expect(html).not.toContain("rel=");
    expect(html).toContain('href="/ledger"');
    expect(html).toContain('href="#options"');
  });

  it("does not load images, it shows their alt text", () => {
    const html = render("![a chart](https://tracker.example/pixel.gif)");
    expect(html).not.toMatch(/<img|tracker\.example/);
    expect(html).toContain("a chart");
  });

  it("demotes headings below the page's own h1 and h2", () => {
    expect(tags(render("# Title\n\n## Part\n\n###### Deep"))).toEqual(["div", "h3", "h4", "h6"]);
  });
});

describe("safeMarkdownUrl", () => {
  const cases: [input: string, expected: string][] = [
    ["https://example.org/x", "https://example.org/x"],
    ["http://example.org", "http://example.org"],
    ["mailto:council@example.org", "mailto:council@example.org"],
    ["/districts/riverside", "/districts/riverside"],
    ["#section", "#section"],
    ["page?x=a:b", "page?x=a:b"],
    ["javascript:alert(1)", ""],
    [" javascript:alert(1)", ""],
    ["JaVaScRiPt:alert(1)", ""],
    ["data:text/html,hi", ""],
    ["vbscript:x", ""],
    ["file:///etc/passwd", ""],
    ["irc://irc.example.org", ""],
    ["xmpp:someone@example.org", ""],
  ];
  for (const [input, expected] of cases) {
    it(`maps ${JSON.stringify(input)} to ${JSON.stringify(expected)}`, () => {
      expect(safeMarkdownUrl(input), input).toBe(expected);
    });
  }
});
