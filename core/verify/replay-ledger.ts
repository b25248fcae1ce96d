import { ballotMessage } from "../ballot/ballot-message";
import { pollScope } from "../ballot/poll-scope";
import { tallyPoll } from "../ballot/tally-poll";
import { validateBallot } from "../ballot/validate-ballot";
import { leanIMTDepth } from "../census/lean-imt-depth";
import { MemoryLeanIMT } from "../census/memory-lean-imt";
import { validateCommitment } from "../census/validate-commitment";
import { canonicalJson } from "../entries/canonical-json";
import { decodeEntry } from "../entries/decode-entry";
import type { TLedgerEntry } from "../entries/entry-schemas";
import { processRulesProblem } from "../processes/process-rules";
import { ParticipationReplay } from "./replay-participation";
import type { PollRecount, ProcessRecount, SemaphoreProofInput, TFindingCode, VerifyFinding } from "./types";

type TEntry<T extends TLedgerEntry["type"]> = Extract<TLedgerEntry, { type: T }>;

interface District {
  readonly id: string;
  readonly tree: MemoryLeanIMT;
  readonly commitments: Set<string>;
  /** Members not removed. */
  active: number;
  /** Member entries so far (the census version), the version of the last removal, and the
   * version each root the census has had became current at. */
  version: number;
  lastRemovalVersion: number;
  readonly rootVersions: Map<string, number>;
}

interface CastVote {
  readonly index: bigint;
  readonly nullifier: string;
  readonly sequence: number;
  readonly ballot: readonly number[];
}

interface Poll {
  readonly index: bigint;
  readonly opened: TEntry<"poll_opened">;
  readonly votes: CastVote[];
  /** Highest accepted sequence per nullifier, for the replacement rule. */
  readonly sequences: Map<string, number>;
  closed?: { readonly index: bigint; readonly entry: TEntry<"poll_closed"> };
}

/** A proof to check once the replay has gathered them all (they are checked in batches). */
export interface ProofCheck {
  readonly index: bigint;
  readonly proof: SemaphoreProofInput;
}

/**
 * Replays a Plaza ledger entry by entry, re-deriving everything the server decided and comparing
 * it with what the entries claim. It is the observer's half of every rule the server enforces:
 *
 * - district_created  ids and slugs are unique.
 * - member_added      the district exists; the commitment is a non-zero field element not yet a
 *                     member; memberIndex and size are the census's next; the root equals the root
 *                     of the district's LeanIMT rebuilt from every member entry so far.
 * - member_removed    the member exists and is not removed; the root after setting its leaf to 0
 *                     (as @semaphore-protocol/group does) matches; the size is unchanged.
 * - poll_opened       one per poll; rules consistent (options, method bounds, opensAt < closesAt);
 *                     scope = pollScope(log origin, poll id); the frozen root, depth and census
 *                     size are the district's census at that point; census ≥ minimum anonymity set.
 * - vote              the poll is open (opened, not yet closed); the proof's scope and root are the
 *                     poll's; the ballot is valid for the method; message = ballotMessage(ballot,
 *                     sequence); a nullifier seen before needs a higher sequence. The Groth16
 *                     proof itself is queued (`proofChecks`) and checked in batches afterwards.
 * - process_started   one per process, in a district that exists, with consistent rules
 *                     (processRulesProblem: phases in order and back to back, limits, deadline);
 *                     the frozen census (root, depth, size) is the district's census at that point.
 * - participation     process phases, proposals, supports, advancements, comments, responses,
 *                     overdue responses, moderation and process ballots: ParticipationReplay.
 * - poll_closed       the poll is open; ledgerSize is the entry's own index (the tally covers every
 *                     entry before it); not dated before closesAt. The counts are compared in
 *                     `recount`, once proofs are known, over the votes that passed every check.
 *
 * Findings never stop the replay: the state stays what an honest server would have kept (a
 * refused vote or member does not change it), so one bad entry is reported once, at its index.
 */
export class LedgerReplay {
  readonly #origin: string;
  readonly #districts = new Map<string, District>();
  readonly #slugs = new Set<string>();
  readonly #polls = new Map<string, Poll>();
  readonly #participation: ParticipationReplay;
  readonly #findings: VerifyFinding[] = [];
  readonly #proofChecks: ProofCheck[] = [];
  readonly #byType: Record<string, number> = {};
  #entries = 0;

  constructor(origin: string) {
    this.#origin = origin;
    this.#participation = new ParticipationReplay({
      origin,
      fail: (index, code, message, phase) => this.#fail(index, code, message, phase),
      checkProof: (index, proof) => this.#proofChecks.push({ index, proof }),
      activeMembers: (districtId) => this.#districts.get(districtId)?.active ?? 0,
      censusVersion: (districtId) => this.#districts.get(districtId)?.version ?? 0,
      censusRootProblem: (districtId, root, since) => {
        const district = this.#districts.get(districtId);
        const version = district?.rootVersions.get(root);
        if (!district || version === undefined) return "the district's census never had";
        if (version < since)
          return `the census had before the process started (version ${version} < ${since})`;
        if (version < district.lastRemovalVersion)
          return `a removal (census version ${district.lastRemovalVersion}) revoked`;
        return null;
      },
    });
  }

  get findings(): readonly VerifyFinding[] {
    return this.#findings;
  }

  get proofChecks(): readonly ProofCheck[] {
    return this.#proofChecks;
  }

  get entryCount(): number {
    return this.#entries;
  }

  get byType(): Readonly<Record<string, number>> {
    return this.#byType;
  }

  get districtCount(): number {
    return this.#districts.size;
  }

  get memberEntries(): number {
    return (this.#byType.member_added ?? 0) + (this.#byType.member_removed ?? 0);
  }

  get pollCount(): number {
    return this.#polls.size;
  }

  #fail(index: bigint, code: TFindingCode, message: string, phase: "entries" | "tallies" = "entries"): void {
    this.#findings.push({ phase, code, index: index.toString(), message });
  }

  /** Replays the entry at `index` (entries must come in index order, none skipped). */
  apply(index: bigint, bytes: Uint8Array): void {
    this.#entries++;
    let entry: TLedgerEntry;
    try {
      entry = decodeEntry(bytes);
    } catch (e) {
      this.#fail(
        index,
        "ENTRY_MALFORMED",
        `entry ${index} is not a canonical Plaza entry: ${(e as Error).message}`,
      );
      return;
    }
    this.#byType[entry.type] = (this.#byType[entry.type] ?? 0) + 1;
    switch (entry.type) {
      case "district_created":
        this.#districtCreated(index, entry);
        return;
      case "member_added":
        this.#memberAdded(index, entry);
        return;
      case "member_removed":
        this.#memberRemoved(index, entry);
        return;
      case "poll_opened":
        this.#pollOpened(index, entry);
        return;
      case "vote":
        this.#vote(index, entry);
        return;
      case "poll_closed":
        this.#pollClosed(index, entry);
        return;
      case "process_started":
        this.#processStarted(index, entry);
        return;
      case "process_phase":
        this.#participation.processPhase(index, entry);
        return;
      case "proposal":
        this.#participation.proposal(index, entry);
        return;
      case "support":
        this.#participation.support(index, entry);
        return;
      case "proposal_advanced":
        this.#participation.proposalAdvanced(index, entry);
        return;
      case "comment":
        this.#participation.comment(index, entry);
        return;
      case "response":
        this.#participation.response(index, entry);
        return;
      case "response_overdue":
        this.#participation.responseOverdue(index, entry);
        return;
      case "moderation":
        this.#participation.moderation(index, entry);
        return;
      default: {
        // Every type ZLedgerEntry knows is replayed above: a new one must be added here.
        const unreplayed: never = entry;
        this.#fail(
          index,
          "ENTRY_TYPE_UNSUPPORTED",
          `entry ${index} has a type this verifier cannot replay (${String((unreplayed as { type: unknown }).type)})`,
        );
        return;
      }
    }
  }

  #districtCreated(index: bigint, e: TEntry<"district_created">): void {
    if (this.#districts.has(e.districtId) || this.#slugs.has(e.slug)) {
      this.#fail(
        index,
        "DUPLICATE_DISTRICT",
        `entry ${index} creates district ${e.slug} (${e.districtId}) again`,
      );
      return;
    }
    this.#slugs.add(e.slug);
    this.#districts.set(e.districtId, {
      id: e.districtId,
      tree: new MemoryLeanIMT(),
      commitments: new Set(),
      active: 0,
      version: 0,
      lastRemovalVersion: 0,
      rootVersions: new Map(),
    });
  }

  #district(index: bigint, districtId: string): District | undefined {
    const district = this.#districts.get(districtId);
    if (!district)
      this.#fail(index, "UNKNOWN_DISTRICT", `entry ${index} names district ${districtId}, never created`);
    return district;
  }

  #memberAdded(index: bigint, e: TEntry<"member_added">): void {
    const district = this.#district(index, e.districtId);
    if (!district) return;
    const size = district.tree.size;
    if (e.memberIndex !== size || e.size !== size + 1) {
      this.#fail(
        index,
        "MEMBER_INDEX_MISMATCH",
        `entry ${index} adds member ${e.memberIndex} (size ${e.size}); the census's next is member ${size} (size ${size + 1})`,
      );
      return;
    }
    const commitment = BigInt(e.commitment);
    if (!validateCommitment(commitment)) {
      this.#fail(
        index,
        "INVALID_COMMITMENT",
        `entry ${index} adds the commitment ${e.commitment}, which is not valid`,
      );
      return;
    }
    if (district.commitments.has(e.commitment)) {
      this.#fail(
        index,
        "DUPLICATE_COMMITMENT",
        `entry ${index} adds commitment ${e.commitment} to the census again`,
      );
      return;
    }
    const root = district.tree.insert(commitment).root;
    district.commitments.add(e.commitment);
    district.active++;
    district.rootVersions.set(root.toString(), ++district.version);
    if (root.toString() !== e.root) {
      this.#fail(
        index,
        "MEMBER_ROOT_MISMATCH",
        `entry ${index} records census root ${e.root}; the census rebuilt from the ledger has root ${root}`,
      );
    }
  }

  #memberRemoved(index: bigint, e: TEntry<"member_removed">): void {
    const district = this.#district(index, e.districtId);
    if (!district) return;
    const size = district.tree.size;
    const leaf = e.memberIndex < size ? district.tree.lookup(0, e.memberIndex) : undefined;
    if (leaf === undefined || leaf === 0n || e.size !== size) {
      this.#fail(
        index,
        "MEMBER_NOT_PRESENT",
        `entry ${index} removes member ${e.memberIndex} (size ${e.size}), who is not a member of the census of ${size}`,
      );
      return;
    }
    const root = district.tree.remove(e.memberIndex).root;
    district.active--;
    district.lastRemovalVersion = ++district.version;
    district.rootVersions.set(root.toString(), district.version);
    if (root.toString() !== e.root) {
      this.#fail(
        index,
        "MEMBER_ROOT_MISMATCH",
        `entry ${index} records census root ${e.root} after the removal; the rebuilt census has root ${root}`,
      );
    }
  }

  #pollOpened(index: bigint, e: TEntry<"poll_opened">): void {
    if (this.#polls.has(e.pollId)) {
      this.#fail(index, "DUPLICATE_POLL", `entry ${index} opens poll ${e.pollId} a second time`);
      return;
    }
    const district = this.#district(index, e.districtId);
    if (!district) return;
    const rules = rulesProblem(e);
    if (rules) {
      this.#fail(
        index,
        "POLL_RULES_INVALID",
        `entry ${index} opens poll ${e.pollId} with invalid rules: ${rules}`,
      );
      return;
    }
    const scope = pollScope(this.#origin, e.pollId).toString();
    if (e.scope !== scope) {
      this.#fail(
        index,
        "POLL_SCOPE_MISMATCH",
        `entry ${index} gives poll ${e.pollId} the scope ${e.scope}; for origin ${JSON.stringify(this.#origin)} it is ${scope}`,
      );
      return;
    }
    const tree = district.tree;
    const depth = Math.max(1, leanIMTDepth(tree.size));
    if (e.root !== tree.root.toString() || e.depth !== depth || e.censusSize !== district.active) {
      this.#fail(
        index,
        "POLL_CENSUS_MISMATCH",
        `entry ${index} freezes root ${e.root}, depth ${e.depth}, census ${e.censusSize}; the district's census is root ${tree.root}, depth ${depth}, ${district.active} members`,
      );
      return;
    }
    if (e.censusSize < e.minAnonymitySet) {
      this.#fail(
        index,
        "POLL_BELOW_ANONYMITY_SET",
        `entry ${index} opens poll ${e.pollId} with ${e.censusSize} members, below its minimum anonymity set of ${e.minAnonymitySet}`,
      );
      return;
    }
    const ballot = this.#participation.ballotProblem(e);
    if (ballot) {
      this.#fail(
        index,
        "BALLOT_MISMATCH",
        `entry ${index} opens poll ${e.pollId} as process ${e.process?.processId}'s ballot, but ${ballot}`,
      );
      return;
    }
    this.#polls.set(e.pollId, { index, opened: e, votes: [], sequences: new Map() });
  }

  #vote(index: bigint, e: TEntry<"vote">): void {
    const poll = this.#polls.get(e.pollId);
    if (!poll) {
      this.#fail(
        index,
        "UNKNOWN_POLL",
        `entry ${index} is a vote for poll ${e.pollId}, which was never opened`,
      );
      return;
    }
    if (poll.closed) {
      this.#fail(
        index,
        "VOTE_AFTER_CLOSE",
        `entry ${index} is a vote for poll ${e.pollId} after its close at entry ${poll.closed.index}`,
      );
      return;
    }
    const { proof } = e;
    if (proof.scope !== poll.opened.scope) {
      this.#fail(
        index,
        "WRONG_SCOPE",
        `entry ${index}: the proof's scope ${proof.scope} is not the poll's ${poll.opened.scope}`,
      );
      return;
    }
    if (proof.root !== poll.opened.root) {
      this.#fail(
        index,
        "WRONG_ROOT",
        `entry ${index}: the proof is against census root ${proof.root}, not the root ${poll.opened.root} frozen at opening`,
      );
      return;
    }
    const ballot = validateBallot(poll.opened.method, poll.opened.options.length, e.ballot);
    if (!ballot.ok) {
      this.#fail(
        index,
        "INVALID_BALLOT",
        `entry ${index}: the ballot [${e.ballot.join(",")}] is invalid: ${ballot.reason}`,
      );
      return;
    }
    const message = ballotMessage(e.ballot, e.sequence).toString();
    if (proof.message !== message) {
      this.#fail(
        index,
        "MESSAGE_MISMATCH",
        `entry ${index}: the proof's message ${proof.message} is not the hash of ballot [${e.ballot.join(",")}] and sequence ${e.sequence} (${message})`,
      );
      return;
    }
    const previous = poll.sequences.get(proof.nullifier);
    if (previous !== undefined && e.sequence <= previous) {
      this.#fail(
        index,
        "STALE_SEQUENCE",
        `entry ${index}: nullifier ${proof.nullifier} already voted with sequence ${previous}; sequence ${e.sequence} does not replace it`,
      );
      return;
    }
    poll.sequences.set(proof.nullifier, e.sequence);
    poll.votes.push({ index, nullifier: proof.nullifier, sequence: e.sequence, ballot: e.ballot });
    this.#proofChecks.push({
      index,
      proof: {
        merkleTreeDepth: proof.depth,
        merkleTreeRoot: proof.root,
        nullifier: proof.nullifier,
        message: proof.message,
        scope: proof.scope,
        points: proof.points,
      },
    });
  }

  #processStarted(index: bigint, e: TEntry<"process_started">): void {
    if (this.#participation.hasProcess(e.processId)) {
      this.#fail(index, "DUPLICATE_PROCESS", `entry ${index} starts process ${e.processId} a second time`);
      return;
    }
    const district = this.#district(index, e.districtId);
    if (!district) return;
    const problem = processRulesProblem(e.rules);
    if (problem) {
      this.#fail(
        index,
        "PROCESS_RULES_INVALID",
        `entry ${index} starts process ${e.processId} with invalid rules: ${problem}`,
      );
      return;
    }
    const { tree } = district;
    const depth = Math.max(1, leanIMTDepth(tree.size));
    const { census } = e;
    if (
      census &&
      (census.root !== tree.root.toString() || census.depth !== depth || census.size !== district.active)
    ) {
      this.#fail(
        index,
        "PROCESS_CENSUS_MISMATCH",
        `entry ${index} freezes root ${census.root}, depth ${census.depth}, census ${census.size}; the district's census is root ${tree.root}, depth ${depth}, ${district.active} members`,
      );
      return;
    }
    this.#participation.processStarted(index, e);
  }

  get processCount(): number {
    return this.#participation.processCount;
  }

  /** Every process as replayed (call after `recount`, with the same proof results). */
  processes(proofValid: (index: bigint) => boolean): ProcessRecount[] {
    return this.#participation.summary(proofValid);
  }

  get proposalCount(): number {
    return this.#participation.proposalCount;
  }

  #pollClosed(index: bigint, e: TEntry<"poll_closed">): void {
    const poll = this.#polls.get(e.pollId);
    if (!poll) {
      this.#fail(index, "UNKNOWN_POLL", `entry ${index} closes poll ${e.pollId}, which was never opened`);
      return;
    }
    if (poll.closed) {
      this.#fail(
        index,
        "POLL_ALREADY_CLOSED",
        `entry ${index} closes poll ${e.pollId} again (closed at entry ${poll.closed.index})`,
      );
      return;
    }
    poll.closed = { index, entry: e };
    if (BigInt(e.ledgerSize) !== index) {
      this.#fail(
        index,
        "TALLY_LEDGER_SIZE_MISMATCH",
        `entry ${index} says its tally covers the first ${e.ledgerSize} entries; it must cover exactly those before it (${index})`,
      );
    }
    if (Date.parse(e.time) < Date.parse(poll.opened.closesAt)) {
      this.#fail(
        index,
        "CLOSED_EARLY",
        `entry ${index} closes poll ${e.pollId} at ${e.time}, before its closing time ${poll.opened.closesAt}`,
      );
    }
  }

  /**
   * Recounts every poll from the votes that passed every check, `proofValid` saying which proofs
   * verified, and compares closed polls with their poll_closed entry (findings in phase "tallies").
   */
  recount(proofValid: (index: bigint) => boolean): PollRecount[] {
    this.#participation.checkAdvancements(proofValid);
    const results: PollRecount[] = [];
    for (const [pollId, poll] of this.#polls) {
      const { opened } = poll;
      const valid = poll.votes.filter((v) => proofValid(v.index));
      const tally = tallyPoll(opened.method, opened.options.length, valid);
      const { counts, turnout } = tally;
      let matches: boolean | null = null;
      if (poll.closed) {
        const c = poll.closed.entry;
        // Method-specific results (the runoff table, the funded projects) must match exactly too.
        const extras = (t: { rounds?: unknown; winner?: unknown; funded?: unknown }) =>
          canonicalJson({ rounds: t.rounds ?? null, winner: t.winner ?? null, funded: t.funded ?? null });
        matches =
          sameNumbers(c.counts, counts) &&
          c.turnout === turnout &&
          c.censusSize === opened.censusSize &&
          extras(c) === extras(tally);
        if (!matches) {
          this.#fail(
            poll.closed.index,
            "TALLY_MISMATCH",
            `entry ${poll.closed.index} records counts [${c.counts.join(", ")}], turnout ${c.turnout}, census ${c.censusSize}${describeExtras(c)}; the recount gives [${counts.join(", ")}], turnout ${turnout}, census ${opened.censusSize}${describeExtras(tally)}`,
            "tallies",
          );
        }
      }
      results.push({
        pollId,
        districtId: opened.districtId,
        title: opened.title,
        options: opened.options,
        method: opened.method.kind,
        openedIndex: poll.index.toString(),
        closedIndex: poll.closed ? poll.closed.index.toString() : null,
        votes: poll.votes.length,
        counts,
        turnout,
        ...(tally.rounds === undefined ? {} : { rounds: tally.rounds, winner: tally.winner ?? null }),
        ...(tally.funded === undefined ? {} : { funded: tally.funded }),
        matches,
      });
    }
    return results;
  }
}

/** The method-specific part of a result, for messages. */
function describeExtras(t: {
  rounds?: readonly { counts: readonly number[] }[];
  winner?: number | null;
  funded?: readonly number[];
}): string {
  if (t.rounds !== undefined) return `, ${t.rounds.length} runoff rounds, winner ${t.winner ?? "none"}`;
  if (t.funded !== undefined) return `, funded [${t.funded.join(", ")}]`;
  return "";
}

/** Why a poll's recorded rules cannot be right, or null. */
function rulesProblem(e: TEntry<"poll_opened">): string | null {
  if (!(Date.parse(e.opensAt) < Date.parse(e.closesAt))) return "it must open before it closes";
  const n = e.options.length;
  // A process's ballot may offer a single proposal; a plain poll needs a choice.
  if (!e.process && n < 2) return "a poll needs at least two options";
  const m = e.method;
  if (m.kind === "approval" && !(m.min <= m.max && m.max >= 1 && m.max <= n))
    return `approval bounds ${m.min}..${m.max} do not fit ${n} options`;
  if (m.kind === "ranked" && !(m.maxRanks >= 1 && m.maxRanks <= n))
    return `maxRanks ${m.maxRanks} does not fit ${n} options`;
  if (m.kind === "budget" && m.costs.length !== n) return `${m.costs.length} costs for ${n} projects`;
  return null;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
