import { asc, count, eq, inArray } from "drizzle-orm";
import type { TResponseStatus } from "@/core/processes/process-rules";
import type { DbOrTx } from "../../db/client";
import { polls, proposalComments, proposalResponses, proposals } from "../../db/schema";
import { readProcess, readProposal, type TProcessRow, type TProposalRow } from "./process-state";

export interface TReadOptions {
  /** Show hidden content under its reason (for audit); otherwise it is withheld. */
  audit: boolean;
  now?: Date;
}

type TResponseRow = typeof proposalResponses.$inferSelect;

/**
 * Where a proposal stands with the council: its latest status, and whether its answer is overdue
 * (it reached the ballot, the deadline passed and nobody answered) or came late.
 */
function responseState(
  process: TProcessRow,
  proposal: TProposalRow,
  responses: readonly TResponseRow[],
  now: Date,
) {
  const deadline = new Date(process.rules.responseDeadline);
  const first = responses[0];
  const due = proposal.advancedEntry !== null;
  return {
    status: (responses.at(-1)?.status ?? null) as TResponseStatus | null,
    overdue: due && !first && now >= deadline,
    answeredLate: due && first !== undefined && first.createdAt > deadline,
  };
}

function publicProposal(
  process: TProcessRow,
  p: TProposalRow,
  responses: readonly TResponseRow[],
  comments: number,
  options: TReadOptions,
) {
  const withheld = p.hidden && !options.audit;
  return {
    id: p.id,
    processId: p.processId,
    title: withheld ? null : p.title,
    body: withheld ? null : p.body,
    category: withheld ? null : p.category,
    costEstimate: p.costEstimate,
    location: withheld ? null : p.location,
    author:
      p.authorKind === "council"
        ? { kind: "council" as const, name: p.authorName ?? "" }
        : { kind: "anonymous" as const },
    entryIndex: p.entryIndex.toString(),
    supportCount: p.supportCount,
    advancedEntry: p.advancedEntry?.toString() ?? null,
    hidden: p.hidden,
    hiddenReason: p.hiddenReason,
    moderationEntry: p.moderationEntry?.toString() ?? null,
    comments,
    ...responseState(process, p, responses, options.now ?? new Date()),
  };
}
export type TPublicProposal = ReturnType<typeof publicProposal>;

async function responsesOf(db: DbOrTx, ids: readonly string[]) {
  const byProposal = new Map<string, TResponseRow[]>();
  if (ids.length === 0) return byProposal;
  const rows = await db
    .select()
    .from(proposalResponses)
    .where(inArray(proposalResponses.proposalId, [...ids]))
    .orderBy(asc(proposalResponses.entryIndex));
  for (const r of rows) byProposal.set(r.proposalId, [...(byProposal.get(r.proposalId) ?? []), r]);
  return byProposal;
}

/** A process's proposals in filing order, with supports, status and the ballot poll, if any. */
export async function listProposals(db: DbOrTx, processId: string, options: TReadOptions) {
  const process = await readProcess(db, processId);
  const rows = await db
    .select()
    .from(proposals)
    .where(eq(proposals.processId, processId))
    .orderBy(asc(proposals.entryIndex));
  const ids = rows.map((r) => r.id);
  const responses = await responsesOf(db, ids);
  const commentCounts = new Map<string, number>();
  if (ids.length > 0) {
    const counted = await db
      .select({ id: proposalComments.proposalId, n: count() })
      .from(proposalComments)
      .where(inArray(proposalComments.proposalId, ids))
      .groupBy(proposalComments.proposalId);
    for (const c of counted) commentCounts.set(c.id, c.n);
  }
  const [ballot] = process.ballotPollId
    ? await db
        .select({ id: polls.id, status: polls.status, closedEntry: polls.closedEntry })
        .from(polls)
        .where(eq(polls.id, process.ballotPollId))
    : [];
  return {
    proposals: rows.map((p) =>
      publicProposal(process, p, responses.get(p.id) ?? [], commentCounts.get(p.id) ?? 0, options),
    ),
    ballot: ballot
      ? { pollId: ballot.id, status: ballot.status, closedEntry: ballot.closedEntry?.toString() ?? null }
      : null,
    overdueEntry: process.overdueEntry?.toString() ?? null,
  };
}

/** One proposal with its responses and its comments (top-level ones, each with its replies). */
export async function getProposal(db: DbOrTx, proposalId: string, options: TReadOptions) {
  const proposal = await readProposal(db, proposalId);
  const process = await readProcess(db, proposal.processId);
  const responses = (await responsesOf(db, [proposalId])).get(proposalId) ?? [];
  const comments = await db
    .select()
    .from(proposalComments)
    .where(eq(proposalComments.proposalId, proposalId))
    .orderBy(asc(proposalComments.entryIndex));
  const shown = comments.map((c) => ({
    id: c.id,
    parentId: c.parentId,
    body: c.hidden && !options.audit ? null : c.body,
    author:
      c.authorKind === "council"
        ? { kind: "council" as const, name: c.authorName ?? "" }
        : { kind: "anonymous" as const },
    entryIndex: c.entryIndex.toString(),
    hidden: c.hidden,
    hiddenReason: c.hiddenReason,
    moderationEntry: c.moderationEntry?.toString() ?? null,
  }));
  return {
    process: {
      id: process.id,
      districtId: process.districtId,
      title: process.title,
      rules: process.rules,
      phase: process.phase,
    },
    proposal: publicProposal(process, proposal, responses, comments.length, options),
    responses: responses.map((r) => ({
      status: r.status,
      body: r.body,
      authorName: r.authorName,
      entryIndex: r.entryIndex.toString(),
      createdAt: r.createdAt,
    })),
    comments: shown
      .filter((c) => c.parentId === null)
      .map((c) => ({ ...c, replies: shown.filter((r) => r.parentId === c.id) })),
  };
}
