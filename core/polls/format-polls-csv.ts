import { formatCsv } from "../encoding/format-csv";

/** The fields of a poll the CSV needs (TOpenDataPoll on the server). */
export interface PollCsvInput {
  readonly id: string;
  readonly title: string;
  readonly method: { readonly kind: string };
  readonly status: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly options: readonly string[];
  readonly censusSize: number | null;
  readonly openedEntry: string | null;
  readonly closedEntry: string | null;
  readonly result: { readonly counts: readonly number[]; readonly turnout: number } | null;
}

const HEADER = [
  "poll_id",
  "title",
  "method",
  "status",
  "opens_at",
  "closes_at",
  "option_index",
  "option",
  "votes",
  "turnout",
  "census_size",
  "opened_entry",
  "closed_entry",
];

/**
 * A district's polls as CSV, one row per poll and option (the long format spreadsheets and
 * statistics tools pivot easily): votes, turnout and census are empty until the poll closed and
 * its tally is on the ledger; the entry columns let anyone find the ledger entries behind a row.
 */
export function formatPollsCsv(polls: readonly PollCsvInput[]): string {
  const rows: (string | number)[][] = [HEADER];
  for (const p of polls) {
    p.options.forEach((option, i) => {
      rows.push([
        p.id,
        p.title,
        p.method.kind,
        p.status,
        p.opensAt,
        p.closesAt,
        i,
        option,
        p.result ? (p.result.counts[i] ?? 0) : "",
        p.result ? p.result.turnout : "",
        p.censusSize ?? "",
        p.openedEntry ?? "",
        p.closedEntry ?? "",
      ]);
    });
  }
  return formatCsv(rows);
}
