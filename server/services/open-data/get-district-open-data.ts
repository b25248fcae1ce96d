import type { TBallotMethod } from "@/core/ballot";
import type { TProcessRules } from "@/core/processes/process-rules";
import type { DbOrTx } from "../../db/client";
import { getDistrict } from "../districts/get-district";
import { listProposals, type TPublicProposal, type TReadOptions } from "../participation/read-participation";
import { getPollResults } from "../polls/get-poll-results";
import { listPolls } from "../polls/list-polls";
import { listProcesses } from "../processes/list-processes";

/** One poll as open data: its rules and, once closed, its result as the ledger records it. */
export interface TOpenDataPoll {
  id: string;
  title: string;
  description: string;
  options: string[];
  method: TBallotMethod;
  status: "scheduled" | "open" | "closed";
  opensAt: string;
  closesAt: string;
  minAnonymitySet: number;
  /** Ledger indices (decimal) of the poll_opened and poll_closed entries, once written. */
  openedEntry: string | null;
  closedEntry: string | null;
  /** Frozen at opening. */
  censusSize: number | null;
  /** Closed polls only: counts per option, turnout, and the time the tally records. */
  result: { counts: number[]; turnout: number; closedAt: string } | null;
}

/**
 * A participatory process as open data: the rules its process_started entry recorded, the census
 * it froze, the phase the ledger last recorded, its ballot poll, and every proposal with its
 * supports, advancement, the council's latest response and moderation.
 */
export interface TOpenDataProcess {
  id: string;
  title: string;
  description: string;
  rules: TProcessRules;
  startedEntry: string;
  census: { root: string; depth: number; size: number } | null;
  phase: string | null;
  ballotPollId: string | null;
  overdueEntry: string | null;
  proposals: TPublicProposal[];
}

export interface TDistrictOpenData {
  district: { id: string; slug: string; name: string; description: string };
  processes: TOpenDataProcess[];
  polls: TOpenDataPoll[];
}

/**
 * Everything public about a district's processes and polls, for open-data downloads (JSON and CSV) and the
 * public read API. Results are read through getPollResults, so they are the numbers the poll_closed
 * ledger entries record (what anyone recounting the ledger checks against), never a live count:
 * an open poll shows no partial tally. Unknown district: NOT_FOUND.
 */
export async function getDistrictOpenData(
  db: DbOrTx,
  slug: string,
  options: TReadOptions = { audit: true },
): Promise<TDistrictOpenData> {
  const district = await getDistrict(db, slug);
  const rows = await listPolls(db, district.id);
  const polls: TOpenDataPoll[] = [];
  for (const p of rows) {
    const results = p.status === "closed" ? await getPollResults(db, { pollId: p.id }) : null;
    polls.push({
      id: p.id,
      title: p.title,
      description: p.description,
      options: p.options,
      method: p.method,
      status: p.status,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      minAnonymitySet: p.minAnonymitySet,
      openedEntry: p.openedEntry?.toString() ?? null,
      closedEntry: p.closedEntry?.toString() ?? null,
      censusSize: p.censusSize,
      result:
        results?.status === "closed"
          ? { counts: results.counts, turnout: results.turnout, closedAt: results.closedAt }
          : null,
    });
  }
  const processes: TOpenDataProcess[] = [];
  for (const p of await listProcesses(db, district.id)) {
    const participation = await listProposals(db, p.id, options);
    processes.push({
      id: p.id,
      title: p.title,
      description: p.description,
      rules: p.rules,
      startedEntry: p.startedEntry.toString(),
      census:
        p.censusRoot === null || p.censusDepth === null || p.censusSize === null
          ? null
          : { root: p.censusRoot, depth: p.censusDepth, size: p.censusSize },
      phase: p.phase,
      ballotPollId: p.ballotPollId,
      overdueEntry: participation.overdueEntry,
      proposals: participation.proposals,
    });
  }
  return {
    district: {
      id: district.id,
      slug: district.slug,
      name: district.name,
      description: district.description,
    },
    processes,
    polls,
  };
}
