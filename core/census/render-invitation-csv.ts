export interface InvitationSheetInput {
  districtName: string;
  /** The page residents open, e.g. https://plaza.example.org/join. */
  joinUrl: string;
  codes: readonly string[];
}

/**
 * The batch as CSV (RFC 4180: CRLF, every field quoted) for mail merges and label printers:
 * district, code, join_url. A field that a spreadsheet would run as a formula (starting with
 * = + - @ or a tab/CR) is prefixed with an apostrophe: a district name is free text.
 */
export function renderInvitationCsv({ districtName, joinUrl, codes }: InvitationSheetInput): string {
  const lines = [["district", "code", "join_url"], ...codes.map((code) => [districtName, code, joinUrl])];
  return `${lines.map((fields) => fields.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
