import type { TLedgerEntry } from "../entries/entry-schemas";
import {
  commentMessage,
  participationScope,
  processBallot,
  proposalMessage,
  proposalProblem,
  responseProblem,
  supportMessage,
} from "../participation";
import { PROCESS_PHASES, type TProcessPhase, type TResponseStatus } from "../processes/process-rules";
import type { ProcessRecount, SemaphoreProofInput, TFindingCode } from "./types";

type TEntry<T extends TLedgerEntry["type"]> = Extract<TLedgerEntry, { type: T }>;
type TAnonymousProof = TEntry<"support">["proof"];

interface Process {
  readonly index: bigint;
  readonly started: TEntry<"process_started">;
  /** The district's census version at the start: acts prove against roots from then on. */
  readonly censusVersion: number;
  /** Index into PROCESS_PHASES of the phase its last process_phase entry entered; -1 before any. */
  phase: number;
  /** Proposals that advanced, in the order they did: the ballot's options. */
  readonly advanced: Proposal[];
  /** The process_phase entry that entered the ballot phase, and the district's members then. */
  ballotPhase?: { readonly index: bigint; readonly members: number };
  ballotPollId?: string;
  overdue?: bigint;
}

interface Proposal {
  readonly id: string;
  readonly index: bigint;
  readonly proc: Process;
  readonly title: string;
  readonly costEstimate: number | null;
  readonly supports: bigint[];
  advanced?: { readonly index: bigint; readonly supports: number };
  hidden: boolean;
  readonly responses: TResponseStatus[];
}

interface Comment {
  readonly proposalId: string;
  readonly parentId: string | null;
  hidden: boolean;
}

export interface ParticipationHooks {
  readonly origin: string;
  fail(index: bigint, code: TFindingCode, message: string, phase?: "entries" | "tallies"): void;
  /** Queues a Semaphore proof for the batched proof phase. */
  checkProof(index: bigint, proof: SemaphoreProofInput): void;
  /** The district's members not removed, at the entry being replayed. */
  activeMembers(districtId: string): number;
  /** How many times the district's census changed so far (its member entries). */
  censusVersion(districtId: string): number;
  /**
   * Why `root` is not a root the district's census has had since census version `since` and
   * since its last removal, or null (the rule a process's anonymous acts follow).
   */
  censusRootProblem(districtId: string, root: string, since: number): string | null;
}

/**
 * The observer's half of every participation rule (issue 6), replayed entry by entry:
 *
 * - process_phase      the process's phases are entered in order, each once, never before its
 *                      recorded start; the ledger position of every act below is thereby dated.
 * - proposal           the process is in its proposals phase; the content fits the rules
 *                      (proposalProblem); an anonymous one spends slot < proposalsPerResident with a
 *                      proof of scope (process, "propose", slot), a census root (see below) since the
 *                      process's start, message = proposalMessage(content) and an unused nullifier.
 * - support            the proposal exists, is not hidden, and its process is in the support phase;
 *                      scope (proposal, "support", 0), message = supportMessage, one per nullifier.
 * - proposal_advanced  during the support phase, once per proposal; checked after the proofs
 *                      (`checkAdvancements`): it must be the entry right after the support that
 *                      brought the valid supports to the threshold, and such a support must have one.
 * - comment            on a visible proposal; a reply answers a top-level comment of the same
 *                      proposal; an anonymous one spends slot < commentsPerResident, scope
 *                      (proposal, "comment", slot), message = commentMessage(content).
 * - response           the sequence of statuses follows responseProblem.
 * - response_overdue   once per process, after its results phase began (the deadline is no earlier
 *                      than that start, and the scheduler enters every due phase first), dated at or
 *                      after the response deadline, listing exactly the advanced proposals with no
 *                      answer yet.
 * - moderation         hides a visible proposal or comment, or restores a hidden one.
 * - poll_opened of a process's ballot (`ballotProblem`): in the ballot phase, once, with the
 *                      advanced proposals as options in order and processBallot's method, open for
 *                      exactly the ballot phase. A process that enters its ballot phase with advanced
 *                      proposals and members in its district must open it (`checkAdvancements`); with
 *                      an empty census no poll can open (no anonymity set), so none is due.
 *
 * The census root of every anonymous proposal, support and comment must be one the district's
 * census has had since the later of the process's start and the district's last removal: a
 * resident who joined after the start takes part, a removed member's older roots stop working.
 */
export class ParticipationReplay {
  readonly #hooks: ParticipationHooks;
  readonly #processes = new Map<string, Process>();
  readonly #proposals = new Map<string, Proposal>();
  readonly #comments = new Map<string, Comment>();
  /** Nullifiers spent by anonymous acts, keyed by scope (one act per nullifier per scope). */
  readonly #nullifiers = new Set<string>();

  constructor(hooks: ParticipationHooks) {
    this.#hooks = hooks;
  }

  get processCount(): number {
    return this.#processes.size;
  }

  get proposalCount(): number {
    return this.#proposals.size;
  }

  /** Registers a process whose process_started entry passed LedgerReplay's checks. */
  processStarted(index: bigint, started: TEntry<"process_started">): void {
    // A process started before Plaza recorded its census takes no anonymous acts (no root is new enough).
    const censusVersion = started.census
      ? this.#hooks.censusVersion(started.districtId)
      : Number.POSITIVE_INFINITY;
    this.#processes.set(started.processId, { index, started, censusVersion, phase: -1, advanced: [] });
  }

  hasProcess(processId: string): boolean {
    return this.#processes.has(processId);
  }

  #processOf(index: bigint, processId: string): Process | undefined {
    const proc = this.#processes.get(processId);
    if (!proc)
      this.#hooks.fail(index, "UNKNOWN_PROCESS", `entry ${index} names process ${processId}, never started`);
    return proc;
  }

  #proposal(index: bigint, proposalId: string): Proposal | undefined {
    const proposal = this.#proposals.get(proposalId);
    if (!proposal)
      this.#hooks.fail(index, "UNKNOWN_PROPOSAL", `entry ${index} names proposal ${proposalId}, never filed`);
    return proposal;
  }

  #inPhase(index: bigint, proc: Process, phase: TProcessPhase, what: string): boolean {
    const current = PROCESS_PHASES[proc.phase] ?? "upcoming";
    if (current === phase) return true;
    this.#hooks.fail(
      index,
      "OUTSIDE_PHASE",
      `entry ${index} is ${what} while process ${proc.started.processId} is in its ${current} phase, not its ${phase} phase`,
    );
    return false;
  }

  /**
   * The checks every anonymous act shares: the scope it must carry, a census root the district has
   * had since the process started and since its last removal, the message its content hashes to,
   * and a nullifier not yet spent in the scope.
   */
  #anonymous(
    index: bigint,
    proc: Process,
    proof: TAnonymousProof,
    expected: { scope: bigint; message: bigint },
  ): boolean {
    const { fail } = this.#hooks;
    if (proof.scope !== expected.scope.toString()) {
      fail(index, "WRONG_SCOPE", `entry ${index}: the proof's scope ${proof.scope} is not ${expected.scope}`);
      return false;
    }
    const rootProblem = this.#hooks.censusRootProblem(
      proc.started.districtId,
      proof.root,
      proc.censusVersion,
    );
    if (rootProblem) {
      fail(
        index,
        "WRONG_ROOT",
        `entry ${index}: the proof is against census root ${proof.root}, which ${rootProblem}`,
      );
      return false;
    }
    if (proof.message !== expected.message.toString()) {
      fail(
        index,
        "MESSAGE_MISMATCH",
        `entry ${index}: the proof's message ${proof.message} is not the hash of the entry's content (${expected.message})`,
      );
      return false;
    }
    const key = `${proof.scope}/${proof.nullifier}`;
    if (this.#nullifiers.has(key)) {
      fail(
        index,
        "DUPLICATE_NULLIFIER",
        `entry ${index}: nullifier ${proof.nullifier} already acted in scope ${proof.scope}`,
      );
      return false;
    }
    this.#nullifiers.add(key);
    this.#hooks.checkProof(index, {
      merkleTreeDepth: proof.depth,
      merkleTreeRoot: proof.root,
      nullifier: proof.nullifier,
      message: proof.message,
      scope: proof.scope,
      points: proof.points,
    });
    return true;
  }

  #slotInRange(index: bigint, slot: number, limit: number, what: string): boolean {
    if (slot < limit) return true;
    this.#hooks.fail(
      index,
      "SLOT_OUT_OF_RANGE",
      `entry ${index} spends ${what} slot ${slot}; the process allows each resident ${limit}`,
    );
    return false;
  }

  processPhase(index: bigint, e: TEntry<"process_phase">): void {
    const proc = this.#processOf(index, e.processId);
    if (!proc) return;
    const next = PROCESS_PHASES[proc.phase + 1];
    if (e.phase !== next) {
      this.#hooks.fail(
        index,
        "PHASE_OUT_OF_ORDER",
        `entry ${index} enters the ${e.phase} phase of process ${e.processId}; its next phase is ${next ?? "none (all were entered)"}`,
      );
      return;
    }
    proc.phase++;
    if (e.phase === "ballot")
      proc.ballotPhase = { index, members: this.#hooks.activeMembers(proc.started.districtId) };
    const startsAt = proc.started.rules.phases[proc.phase]?.startsAt ?? "";
    if (Date.parse(e.time) < Date.parse(startsAt)) {
      this.#hooks.fail(
        index,
        "PHASE_EARLY",
        `entry ${index} enters the ${e.phase} phase at ${e.time}, before its recorded start ${startsAt}`,
      );
    }
  }

  proposal(index: bigint, e: TEntry<"proposal">): void {
    const { fail } = this.#hooks;
    const proc = this.#processOf(index, e.processId);
    if (!proc) return;
    if (this.#proposals.has(e.proposalId) || this.#comments.has(e.proposalId)) {
      fail(index, "DUPLICATE_PROPOSAL", `entry ${index} files proposal ${e.proposalId} again`);
      return;
    }
    if (!this.#inPhase(index, proc, "proposals", "a proposal")) return;
    const problem = proposalProblem(proc.started.rules, e);
    if (problem) {
      fail(index, "PROPOSAL_INVALID", `entry ${index}: the proposal does not fit the process: ${problem}`);
      return;
    }
    if (e.author.kind === "anonymous") {
      const { slot, proof } = e.author;
      if (!this.#slotInRange(index, slot, proc.started.rules.proposalsPerResident, "proposal")) return;
      const scope = participationScope(this.#hooks.origin, "propose", e.processId, slot);
      if (!this.#anonymous(index, proc, proof, { scope, message: proposalMessage(e) })) return;
    }
    this.#proposals.set(e.proposalId, {
      id: e.proposalId,
      index,
      proc,
      title: e.title,
      costEstimate: e.costEstimate,
      supports: [],
      hidden: false,
      responses: [],
    });
  }

  support(index: bigint, e: TEntry<"support">): void {
    const proposal = this.#proposal(index, e.proposalId);
    if (!proposal) return;
    if (!this.#visible(index, proposal.hidden, "supports", e.proposalId)) return;
    if (!this.#inPhase(index, proposal.proc, "support", "a support")) return;
    const scope = participationScope(this.#hooks.origin, "support", e.proposalId, 0);
    if (!this.#anonymous(index, proposal.proc, e.proof, { scope, message: supportMessage(e.proposalId) }))
      return;
    proposal.supports.push(index);
  }

  #visible(index: bigint, hidden: boolean, what: string, id: string): boolean {
    if (!hidden) return true;
    this.#hooks.fail(index, "TARGET_HIDDEN", `entry ${index} ${what} ${id}, which the council hid`);
    return false;
  }

  proposalAdvanced(index: bigint, e: TEntry<"proposal_advanced">): void {
    const proposal = this.#proposal(index, e.proposalId);
    if (!proposal) return;
    if (proposal.proc.started.processId !== e.processId) {
      this.#hooks.fail(
        index,
        "ADVANCEMENT_MISMATCH",
        `entry ${index} advances proposal ${e.proposalId} in process ${e.processId}; it belongs to ${proposal.proc.started.processId}`,
      );
      return;
    }
    if (proposal.advanced) {
      this.#hooks.fail(
        index,
        "ADVANCEMENT_MISMATCH",
        `entry ${index} advances proposal ${e.proposalId} again (it advanced at entry ${proposal.advanced.index})`,
      );
      return;
    }
    if (!this.#inPhase(index, proposal.proc, "support", "an advancement")) return;
    proposal.advanced = { index, supports: e.supports };
    proposal.proc.advanced.push(proposal);
  }

  comment(index: bigint, e: TEntry<"comment">): void {
    const { fail } = this.#hooks;
    const proposal = this.#proposal(index, e.proposalId);
    if (!proposal) return;
    if (this.#comments.has(e.commentId) || this.#proposals.has(e.commentId)) {
      fail(index, "DUPLICATE_COMMENT", `entry ${index} posts comment ${e.commentId} again`);
      return;
    }
    if (!this.#visible(index, proposal.hidden, "comments on", e.proposalId)) return;
    if (e.parentId !== null) {
      const parent = this.#comments.get(e.parentId);
      if (!parent || parent.proposalId !== e.proposalId || parent.parentId !== null) {
        fail(
          index,
          "COMMENT_PARENT_INVALID",
          `entry ${index} replies to ${e.parentId}, which is not a top-level comment on proposal ${e.proposalId}`,
        );
        return;
      }
    }
    if (e.author.kind === "anonymous") {
      const { slot, proof } = e.author;
      const proc = proposal.proc;
      if (!this.#slotInRange(index, slot, proc.started.rules.commentsPerResident, "comment")) return;
      const scope = participationScope(this.#hooks.origin, "comment", e.proposalId, slot);
      if (!this.#anonymous(index, proc, proof, { scope, message: commentMessage(e) })) return;
    }
    this.#comments.set(e.commentId, { proposalId: e.proposalId, parentId: e.parentId, hidden: false });
  }

  response(index: bigint, e: TEntry<"response">): void {
    const proposal = this.#proposal(index, e.proposalId);
    if (!proposal) return;
    const problem = responseProblem(proposal.responses, e.status, e.body);
    if (problem) {
      this.#hooks.fail(
        index,
        "RESPONSE_INVALID",
        `entry ${index} answers ${e.proposalId} ${e.status}: ${problem}`,
      );
      return;
    }
    proposal.responses.push(e.status);
  }

  responseOverdue(index: bigint, e: TEntry<"response_overdue">): void {
    const { fail } = this.#hooks;
    const proc = this.#processOf(index, e.processId);
    if (!proc) return;
    const problem = this.#overdueProblem(proc, e);
    if (problem) {
      fail(index, "OVERDUE_MISMATCH", `entry ${index}: ${problem}`);
      return;
    }
    // Only an accepted notice counts, so a refused one does not hide a later, honest one.
    proc.overdue = index;
  }

  #overdueProblem(proc: Process, e: TEntry<"response_overdue">): string | null {
    if (proc.overdue !== undefined)
      return `process ${e.processId}'s responses were declared overdue already, at entry ${proc.overdue}`;
    if (proc.phase < PROCESS_PHASES.indexOf("results"))
      return `it declares process ${e.processId}'s responses overdue in its ${PROCESS_PHASES[proc.phase] ?? "upcoming"} phase, before its results phase`;
    const deadline = proc.started.rules.responseDeadline;
    if (Date.parse(e.time) < Date.parse(deadline))
      return `it is dated ${e.time}, before the response deadline ${deadline}`;
    const unanswered = proc.advanced.filter((p) => p.responses.length === 0).map((p) => p.id);
    if (unanswered.join(",") !== e.proposalIds.join(","))
      return `it lists [${e.proposalIds.join(", ")}] as unanswered; the ledger's unanswered proposals that reached the ballot are [${unanswered.join(", ")}]`;
    return null;
  }

  moderation(index: bigint, e: TEntry<"moderation">): void {
    const target =
      e.target.kind === "proposal" ? this.#proposals.get(e.target.id) : this.#comments.get(e.target.id);
    if (!target) {
      this.#hooks.fail(
        index,
        "UNKNOWN_TARGET",
        `entry ${index} moderates ${e.target.kind} ${e.target.id}, which does not exist`,
      );
      return;
    }
    const hide = e.action === "hide";
    if (target.hidden === hide) {
      this.#hooks.fail(
        index,
        "MODERATION_INVALID",
        `entry ${index} ${hide ? "hides" : "restores"} ${e.target.kind} ${e.target.id}, which is already ${hide ? "hidden" : "visible"}`,
      );
      return;
    }
    target.hidden = hide;
  }

  /**
   * Why a process ballot's poll_opened entry is not the ballot the process's rules give, or null
   * (LedgerReplay reports it). On success the poll is the process's ballot.
   */
  ballotProblem(e: TEntry<"poll_opened">): string | null {
    const link = e.process;
    if (!link) return null;
    const proc = this.#processes.get(link.processId);
    if (!proc) return `process ${link.processId} was never started`;
    if (proc.started.districtId !== e.districtId) return "the process is another district's";
    if (PROCESS_PHASES[proc.phase] !== "ballot") return "the process is not in its ballot phase";
    if (proc.ballotPollId !== undefined) return `the process already has its ballot ${proc.ballotPollId}`;
    if (proc.advanced.length === 0) return "no proposal advanced to the ballot";
    const expected = processBallot(
      proc.started.rules,
      proc.advanced.map((p) => ({ proposalId: p.id, ...p })),
    );
    const phase = proc.started.rules.phases[2];
    if (link.proposalIds.join(",") !== expected.proposalIds.join(","))
      return `its proposals [${link.proposalIds.join(", ")}] are not the advanced ones in order [${expected.proposalIds.join(", ")}]`;
    if (JSON.stringify(e.options) !== JSON.stringify(expected.options))
      return "its options are not the proposals' titles";
    if (JSON.stringify(e.method) !== JSON.stringify(expected.method))
      return "its method is not the process's ballot method";
    if (e.opensAt !== phase?.startsAt || e.closesAt !== phase?.endsAt)
      return "it is not open for exactly the ballot phase";
    proc.ballotPollId = e.pollId;
    return null;
  }

  /**
   * After the proofs: every proposal_advanced must be the entry right after the support that
   * brought the proposal's valid supports to the threshold, and every proposal whose valid supports
   * reached it during the support phase must have advanced there. A process that entered its
   * ballot phase with advanced proposals (and members to vote) must have opened its ballot: the
   * finding is at the process_phase entry, which the ballot's poll_opened follows in one append.
   */
  /** Every process as replayed, supports counted with `proofValid` (after the proofs phase). */
  summary(proofValid: (index: bigint) => boolean): ProcessRecount[] {
    return [...this.#processes.values()].map((proc) => ({
      processId: proc.started.processId,
      districtId: proc.started.districtId,
      title: proc.started.title,
      startedIndex: proc.index.toString(),
      phase: PROCESS_PHASES[proc.phase] ?? "upcoming",
      supportThreshold: proc.started.rules.supportThreshold,
      proposals: [...this.#proposals.values()]
        .filter((p) => p.proc === proc)
        .map((p) => ({
          proposalId: p.id,
          title: p.title,
          index: p.index.toString(),
          supports: p.supports.filter(proofValid).length,
          advancedIndex: p.advanced ? p.advanced.index.toString() : null,
          hidden: p.hidden,
          responses: [...p.responses],
        })),
      ballotPollId: proc.ballotPollId ?? null,
      overdueIndex: proc.overdue === undefined ? null : proc.overdue.toString(),
    }));
  }

  checkAdvancements(proofValid: (index: bigint) => boolean): void {
    for (const proposal of this.#proposals.values()) {
      const threshold = proposal.proc.started.rules.supportThreshold;
      const valid = proposal.supports.filter(proofValid);
      const meeting = valid[threshold - 1];
      const expected = meeting === undefined ? undefined : meeting + 1n;
      const advanced = proposal.advanced;
      if (advanced && (advanced.index !== expected || advanced.supports !== threshold)) {
        const why =
          expected === undefined
            ? `it has only ${valid.length} valid supports of the ${threshold} needed`
            : advanced.index !== expected
              ? `the threshold of ${threshold} was met by the support at entry ${meeting}, so the advancement belongs at entry ${expected}`
              : `it was advanced by its support number ${threshold}, the threshold`;
        this.#hooks.fail(
          advanced.index,
          "ADVANCEMENT_MISMATCH",
          `entry ${advanced.index} advances proposal ${proposal.id} with ${advanced.supports} supports; ${why}`,
          "tallies",
        );
      } else if (!advanced && meeting !== undefined) {
        this.#hooks.fail(
          meeting,
          "ADVANCEMENT_MISSING",
          `entry ${meeting} is proposal ${proposal.id}'s support number ${threshold}, its threshold, but the proposal never advanced to the ballot`,
          "tallies",
        );
      }
    }
    for (const proc of this.#processes.values()) {
      const entered = proc.ballotPhase;
      if (entered && entered.members > 0 && proc.advanced.length > 0 && proc.ballotPollId === undefined) {
        this.#hooks.fail(
          entered.index,
          "BALLOT_MISSING",
          `entry ${entered.index} enters process ${proc.started.processId}'s ballot phase with ${proc.advanced.length} advanced proposals, but no ballot opened`,
          "tallies",
        );
      }
    }
  }
}
