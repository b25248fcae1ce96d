/**
 * What `verifyLedger` reports. Everything is plain data (strings for big numbers), so a report can
 * cross a Web Worker boundary, be printed as JSON by `plaza verify --json`, and be compared in tests.
 */

/** The phases of a verification, in order. `download` is the CLI's and the browser's own. */
export type TVerifyPhase = "download" | "checkpoint" | "tree" | "entries" | "proofs" | "tallies";

export const VERIFY_PHASES: readonly TVerifyPhase[] = [
  "download",
  "checkpoint",
  "tree",
  "entries",
  "proofs",
  "tallies",
];

/** One thing that did not match. `index` is the ledger index of the entry at fault, if one is. */
export interface VerifyFinding {
  readonly phase: TVerifyPhase;
  /** A stable code (see FINDING_CODES), for machines and tests. */
  readonly code: TFindingCode;
  /** Decimal ledger index of the entry, or null for a checkpoint-level failure. */
  readonly index: string | null;
  /** What did not match, in a sentence. */
  readonly message: string;
  /** Material that proves the failure to a third party, e.g. both signed checkpoints of a fork. */
  readonly evidence?: Readonly<Record<string, string>>;
}

/** Progress of one phase: `done` of `total` units (entries, tiles, proofs). */
export interface VerifyProgress {
  readonly phase: TVerifyPhase;
  readonly done: number;
  readonly total: number;
}

/**
 * Where the verifier reads a tiled log (c2sp.org/tlog-tiles paths, relative to the log prefix):
 * "checkpoint", "tile/0/x001/234", "tile/entries/000.p/17". A mirror directory, an HTTP base URL
 * and an in-memory map all fit.
 */
export interface LedgerSource {
  checkpoint(): Promise<string>;
  /** The resource at a tile or entry-bundle path; rejects if it is not available. */
  tile(path: string): Promise<Uint8Array>;
}

/** A Semaphore v4 proof as `@semaphore-protocol/proof` (and core/groth16) take it. */
export interface SemaphoreProofInput {
  readonly merkleTreeDepth: number;
  readonly merkleTreeRoot: string;
  readonly nullifier: string;
  readonly message: string;
  readonly scope: string;
  readonly points: readonly string[];
}

/** Checks proofs in order; answers one boolean each (Semaphore's `verifyProof` semantics). */
export type ProofBatchVerifier = (proofs: readonly SemaphoreProofInput[]) => Promise<boolean[]>;

/** A poll as recounted from the ledger. */
export interface PollRecount {
  readonly pollId: string;
  readonly districtId: string;
  readonly title: string;
  readonly options: readonly string[];
  readonly method: string;
  readonly openedIndex: string;
  /** null while the poll is open at the verified size. */
  readonly closedIndex: string | null;
  /** Vote entries of the poll (including replaced ones). */
  readonly votes: number;
  /** The recount: counts per option and distinct voters counted. */
  readonly counts: readonly number[];
  readonly turnout: number;
  /** Ranked polls: the instant-runoff rounds and winner; budget polls: the funded projects. */
  readonly rounds?: readonly {
    readonly counts: readonly number[];
    readonly exhausted: number;
    readonly eliminated: number | null;
  }[];
  readonly winner?: number | null;
  readonly funded?: readonly number[];
  /** For a closed poll: whether the recount equals the poll_closed entry. */
  readonly matches: boolean | null;
}

/** A participatory process as replayed from the ledger. */
export interface ProcessRecount {
  readonly processId: string;
  readonly districtId: string;
  readonly title: string;
  readonly startedIndex: string;
  /** The phase its last process_phase entry entered, or "upcoming". */
  readonly phase: string;
  readonly supportThreshold: number;
  /** Proposals in filing order: valid supports counted, whether (and where) it advanced. */
  readonly proposals: readonly {
    readonly proposalId: string;
    readonly title: string;
    readonly index: string;
    readonly supports: number;
    readonly advancedIndex: string | null;
    readonly hidden: boolean;
    /** The council's responses, oldest first. */
    readonly responses: readonly string[];
  }[];
  readonly ballotPollId: string | null;
  readonly overdueIndex: string | null;
}

/** One line of "what was checked", for the summary. */
export interface VerifyCheck {
  readonly phase: TVerifyPhase;
  readonly ok: boolean;
  readonly text: string;
}

export interface VerifyReport {
  /** True only if every check passed and there is no finding. */
  readonly ok: boolean;
  readonly origin: string;
  /** Tree size and root hash (base64) of the verified checkpoint. */
  readonly size: string;
  readonly rootHash: string;
  /** The checkpoint note as read (with signature and cosignature lines). */
  readonly checkpoint: string;
  readonly checks: readonly VerifyCheck[];
  readonly findings: readonly VerifyFinding[];
  readonly entries: { readonly total: number; readonly byType: Readonly<Record<string, number>> };
  readonly proofs: { readonly checked: number; readonly invalid: number; readonly depths: readonly number[] };
  readonly polls: readonly PollRecount[];
  readonly processes: readonly ProcessRecount[];
  /** Milliseconds spent per phase. */
  readonly timings: Readonly<Partial<Record<TVerifyPhase, number>>>;
}

/**
 * Every finding code, with the rule it stands for. The list is the verifier's contract: the tamper
 * suite asserts one of these for each kind of mutation.
 */
export const FINDING_CODES = {
  CHECKPOINT_MALFORMED: "the checkpoint is not a well-formed signed note",
  SIGNATURE_INVALID: "the checkpoint is not signed by the log's verifier key for its origin",
  WITNESS_COSIGNATURE_INVALID: "a witness's cosignature line does not verify",
  WITNESS_QUORUM_UNMET: "the witness policy's quorum of cosignatures is not met",
  PREVIOUS_INVALID: "the checkpoint verified before no longer verifies with the pinned key",
  ROLLBACK: "the log's tree is smaller than one it signed before",
  FORK: "the log signed two trees that are not consistent (one is not a prefix of the other)",
  TILE_UNAVAILABLE: "a tile or entry bundle the tree needs could not be read",
  BUNDLE_MALFORMED: "an entry bundle does not hold the number of entries its tree size implies",
  LEAF_HASH_MISMATCH: "an entry does not hash to the leaf hash the log's level-0 tile holds",
  TILE_HASH_MISMATCH: "a hash tile does not hold the hashes recomputed from the entries",
  ROOT_MISMATCH: "the tree recomputed from the entries does not have the checkpoint's root hash",
  ENTRY_MALFORMED: "an entry is not a canonical Plaza entry of a known type",
  ENTRY_TYPE_UNSUPPORTED: "an entry type this verifier cannot replay",
  DUPLICATE_DISTRICT: "a district id or slug is created twice",
  UNKNOWN_DISTRICT: "an entry names a district that was never created",
  MEMBER_INDEX_MISMATCH: "a member entry's index or size is not the census's next one",
  INVALID_COMMITMENT: "an identity commitment is 0 or not a field element",
  DUPLICATE_COMMITMENT: "an identity commitment joins a district twice",
  MEMBER_NOT_PRESENT: "a removal names a member that is not in the census (or already removed)",
  MEMBER_ROOT_MISMATCH: "a member entry's root is not the root of the census rebuilt from the ledger",
  DUPLICATE_POLL: "a poll is opened twice",
  POLL_RULES_INVALID: "a poll's recorded rules are inconsistent",
  POLL_SCOPE_MISMATCH: "a poll's scope is not the hash of the log origin and its id",
  POLL_CENSUS_MISMATCH: "a poll's frozen root, depth or census size is not the district's census at opening",
  POLL_BELOW_ANONYMITY_SET: "a poll opened with fewer members than its minimum anonymity set",
  UNKNOWN_POLL: "a vote or close names a poll that was never opened",
  VOTE_AFTER_CLOSE: "a vote comes after its poll's poll_closed entry",
  WRONG_SCOPE: "an anonymous act's proof scope is not its poll's (or proposal's, process's) scope",
  WRONG_ROOT: "an anonymous act's proof is not against the census root frozen at opening (or process start)",
  INVALID_BALLOT: "a vote's ballot is not valid for the poll's method",
  MESSAGE_MISMATCH:
    "an anonymous act's proof message is not the hash of its ballot and sequence, or its content",
  STALE_SEQUENCE: "a vote reuses a nullifier without a higher sequence number",
  INVALID_PROOF: "a proof does not verify against Semaphore's official key of its depth",
  DUPLICATE_PROCESS: "a participatory process is started twice",
  PROCESS_RULES_INVALID: "a process's recorded rules are inconsistent (phases, limits, deadline)",
  PROCESS_CENSUS_MISMATCH:
    "a process's frozen census (root, depth, size) is not the district's census when it started",
  UNKNOWN_PROCESS: "an entry names a process that was never started",
  PHASE_OUT_OF_ORDER: "a process enters a phase out of order or twice",
  PHASE_EARLY: "a process enters a phase before the start its rules recorded",
  OUTSIDE_PHASE: "a proposal, support or advancement comes outside the phase that allows it",
  UNKNOWN_PROPOSAL: "an entry names a proposal that was never filed",
  DUPLICATE_PROPOSAL: "a proposal id is filed twice",
  PROPOSAL_INVALID: "a proposal does not fit its process's rules (e.g. no cost estimate in a budget process)",
  SLOT_OUT_OF_RANGE: "an anonymous proposal or comment spends a slot beyond the per-resident limit",
  DUPLICATE_NULLIFIER: "an anonymous act reuses a nullifier already spent in its scope",
  TARGET_HIDDEN: "a support or comment is for a proposal the council hid",
  ADVANCEMENT_MISMATCH:
    "a proposal_advanced entry is not right after the support that met the threshold, or repeats",
  ADVANCEMENT_MISSING: "a proposal's supports met the threshold but it never advanced",
  BALLOT_MISMATCH: "a process's ballot is not the advanced proposals with the process's method and dates",
  BALLOT_MISSING:
    "a process entered its ballot phase with advanced proposals and members to vote, but opened no ballot",
  DUPLICATE_COMMENT: "a comment id is posted twice",
  COMMENT_PARENT_INVALID: "a reply does not answer a top-level comment on the same proposal",
  RESPONSE_INVALID: "a council response breaks the order of statuses (or rejects without reasons)",
  OVERDUE_MISMATCH:
    "a response_overdue entry repeats, precedes the results phase or the deadline, or misstates the unanswered proposals",
  UNKNOWN_TARGET: "a moderation names a proposal or comment that does not exist",
  MODERATION_INVALID: "a moderation hides what is hidden or restores what is visible",
  POLL_ALREADY_CLOSED: "a poll is closed twice",
  CLOSED_EARLY: "a poll_closed entry is dated before the poll's closing time",
  TALLY_LEDGER_SIZE_MISMATCH: "a poll_closed entry's ledgerSize is not its own index",
  TALLY_MISMATCH: "a poll_closed entry's counts, turnout or census size differ from the recount",
} as const;

export type TFindingCode = keyof typeof FINDING_CODES;
