import type { ComponentPropsWithoutRef, ReactNode } from "react";
import ReactMarkdown, { type Components, defaultUrlTransform } from "react-markdown";

/**
 * Only these schemes survive; anything else (javascript:, data:, vbscript:, file:, …) becomes an
 * empty URL and its link is rendered as plain text. A value with no scheme is a relative link.
 */
const allowedScheme = /^(https?|mailto):/i;

/** Keeps http(s), mailto and relative URLs; every other scheme is dropped. */
export function safeMarkdownUrl(value: string): string {
  const url = defaultUrlTransform(value.trim());
  if (url === "") return "";
  // defaultUrlTransform also lets irc(s): and xmpp: through; poll texts have no use for them.
  const colon = url.indexOf(":");
  const firstDelimiter = url.search(/[/?#]/);
  const hasScheme = colon !== -1 && (firstDelimiter === -1 || colon < firstDelimiter);
  return hasScheme && !allowedScheme.test(url) ? "" : url;
}

/** An absolute http(s) or protocol-relative link leaves Plaza: it gets rel="noopener noreferrer nofollow". */
function isExternal(href: string): boolean {
  return /^(https?:)?\/\//i.test(href);
}

function Link({ href, children }: ComponentPropsWithoutRef<"a">): ReactNode {
  if (!href) return <span>{children}</span>;
  return isExternal(href) ? (
    <a href={href} rel="noopener noreferrer nofollow" className="text-brand-700 underline underline-offset-4">
      {children}
    </a>
  ) : (
    <a href={href} className="text-brand-700 underline underline-offset-4">
      {children}
    </a>
  );
}

/*
 * Markdown headings are demoted below the page's own headings (a "# Title" in a poll description
 * becomes an h3 under the page's h1 and the poll's h2), so the document outline stays in order.
 */
type HeadingProps = ComponentPropsWithoutRef<"h1">;
const H1 = ({ children }: HeadingProps) => <h3 className="mt-4 text-xl font-semibold">{children}</h3>;
const H2 = ({ children }: HeadingProps) => <h4 className="mt-4 text-lg font-semibold">{children}</h4>;
const H3 = ({ children }: HeadingProps) => <h5 className="mt-3 font-semibold">{children}</h5>;
const H4 = ({ children }: HeadingProps) => <h6 className="mt-3 font-semibold">{children}</h6>;

const components: Components = {
  a: Link,
  img: ({ alt }) => (alt ? <span>{alt}</span> : null),
  h1: H1,
  h2: H2,
  h3: H3,
  h4: H4,
  h5: H4,
  h6: H4,
  p: ({ children }) => <p className="my-2">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal pl-6">{children}</ol>,
  blockquote: ({ children }) => (
    <blockquote className="my-2 border-l-4 border-slate-300 pl-4 text-slate-700">{children}</blockquote>
  ),
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 font-mono text-sm">{children}</code>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded bg-slate-100 p-3">{children}</pre>,
};

/**
 * Renders user-written markdown (poll descriptions) safely: raw HTML in the source is dropped, not
 * escaped into view or passed through; URLs keep only http(s), mailto and relative forms; images are
 * not rendered (an image from another site would tell that site who reads the poll), their alt text
 * is kept. React escapes every text node, so nothing in the source can become markup.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="break-words">
      <ReactMarkdown skipHtml urlTransform={safeMarkdownUrl} components={components}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
