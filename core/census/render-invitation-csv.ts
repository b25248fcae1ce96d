import { formatCsv } from "../encoding/format-csv";

export interface InvitationSheetInput {
  districtName: string;
  /** The page residents open, e.g. https://plaza.example.org/join. */
  joinUrl: string;
  codes: readonly string[];
}

/**
 * The batch as CSV (RFC 4180: CRLF, every field quoted) for mail merges and label printers:
 * district, code, join_url (formatCsv: formula-looking fields are defused, a district name is
 * free text).
 */
export function renderInvitationCsv({ districtName, joinUrl, codes }: InvitationSheetInput): string {
  return formatCsv([["district", "code", "join_url"], ...codes.map((code) => [districtName, code, joinUrl])]);
}
