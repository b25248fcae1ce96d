import { formatCsv } from "../encoding/format-csv";

/** The fields of a proposal the CSV needs (TOpenDataProposal on the server). */
export interface ProposalCsvInput {
  readonly id: string;
  readonly title: string | null;
  readonly category: string | null;
  readonly costEstimate: number | null;
  readonly location: string | null;
  readonly author: { readonly kind: string; readonly name?: string };
  readonly supportCount: number;
  readonly entryIndex: string;
  readonly advancedEntry: string | null;
  readonly status: string | null;
  readonly overdue: boolean;
  readonly hidden: boolean;
  readonly hiddenReason: string | null;
}

const HEADER = [
  "process_id",
  "process_title",
  "proposal_id",
  "title",
  "category",
  "cost_estimate",
  "location",
  "author",
  "supports",
  "on_ballot",
  "response_status",
  "response_overdue",
  "hidden_reason",
  "entry",
  "advanced_entry",
];

/**
 * A district's proposals as CSV, one row per proposal with its process: supports, whether it
 * reached the ballot (and the proposal_advanced entry), the council's latest response status and
 * whether it is overdue, and the moderation reason of a hidden one. The entry columns name the
 * ledger entries behind each row.
 */
export function formatProposalsCsv(
  processes: readonly {
    readonly id: string;
    readonly title: string;
    readonly proposals: readonly ProposalCsvInput[];
  }[],
): string {
  const rows: (string | number)[][] = [HEADER];
  for (const proc of processes) {
    for (const p of proc.proposals) {
      rows.push([
        proc.id,
        proc.title,
        p.id,
        p.title ?? "",
        p.category ?? "",
        p.costEstimate ?? "",
        p.location ?? "",
        p.author.kind === "council" ? (p.author.name ?? "council") : "anonymous",
        p.supportCount,
        p.advancedEntry === null ? "no" : "yes",
        p.status ?? "",
        p.overdue ? "yes" : "no",
        p.hidden ? (p.hiddenReason ?? "") : "",
        p.entryIndex,
        p.advancedEntry ?? "",
      ]);
    }
  }
  return formatCsv(rows);
}
