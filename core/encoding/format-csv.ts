/**
 * Rows as CSV (RFC 4180: CRLF line ends, every field quoted, quotes doubled). A field that a
 * spreadsheet would run as a formula (starting with = + - @ or a tab/CR) is prefixed with an
 * apostrophe: Plaza's CSV files carry free text (district names, poll titles, options).
 */
export function formatCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `${rows.map((fields) => fields.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}
