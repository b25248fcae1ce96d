import type { InvitationSheetInput } from "./render-invitation-csv";

/** The words of a letter; the caller passes the reader's language (English by default). */
export interface InvitationLetterTexts {
  lang: string;
  title: (v: { district: string }) => string;
  intro: (v: { district: string }) => string;
  step1: (v: { url: string }) => string;
  step2: string;
  codeLabel: string;
  privacy: string;
  oneTime: string;
}

export const ENGLISH_INVITATION_LETTER: InvitationLetterTexts = {
  lang: "en",
  title: ({ district }) => `Your invitation to take part in ${district}`,
  intro: ({ district }) =>
    `You are invited to join the census of ${district} on Plaza, where residents vote on local decisions and follow every result on a public ledger.`,
  step1: ({ url }) => `Open ${url} in your browser.`,
  step2: "Enter the code below. Your browser creates your voting key and keeps it on this device.",
  codeLabel: "Your invitation code",
  privacy:
    "Your votes are anonymous: they are proven with a zero-knowledge proof, so nobody, not even the council or the server, can tell how you voted.",
  oneTime: "This code works once. Keep it private until you have used it.",
};

/**
 * A printable HTML sheet with one letter per code (each on its own page when printed): the
 * district name, the join address and the code in large type. A complete, self-contained
 * document (inline CSS, no scripts, no external resources); every text is HTML-escaped.
 */
export function renderInvitationLetters(
  { districtName, joinUrl, codes }: InvitationSheetInput,
  texts: InvitationLetterTexts = ENGLISH_INVITATION_LETTER,
): string {
  const e = escapeHtml;
  const district = districtName;
  const letters = codes
    .map(
      (code) => `<section class="letter">
  <h1>${e(texts.title({ district }))}</h1>
  <p>${e(texts.intro({ district }))}</p>
  <ol>
    <li>${e(texts.step1({ url: joinUrl }))}</li>
    <li>${e(texts.step2)}</li>
  </ol>
  <p class="label">${e(texts.codeLabel)}</p>
  <p class="code">${e(code)}</p>
  <p class="url">${e(joinUrl)}</p>
  <p class="small">${e(texts.privacy)}</p>
  <p class="small">${e(texts.oneTime)}</p>
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${e(texts.lang)}">
<head>
<meta charset="utf-8">
<title>${e(texts.title({ district }))}</title>
<style>
  @page { size: A4; margin: 20mm; }
  body { font-family: system-ui, sans-serif; color: #000; margin: 0; }
  .letter { break-after: page; page-break-after: always; max-width: 170mm; margin: 0 auto; padding: 10mm 0; }
  .letter:last-child { break-after: auto; page-break-after: auto; }
  h1 { font-size: 20pt; margin: 0 0 8mm; }
  p, li { font-size: 12pt; line-height: 1.5; }
  .label { margin-top: 10mm; font-weight: 600; }
  .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 26pt; letter-spacing: 0.08em;
    border: 2px solid #000; padding: 4mm 6mm; display: inline-block; margin: 2mm 0 4mm; }
  .url { font-family: ui-monospace, monospace; font-size: 13pt; }
  .small { font-size: 10pt; color: #333; }
</style>
</head>
<body>
${letters}
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
