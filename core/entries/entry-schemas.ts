import { z } from "zod";
import { PROCESS_PHASES, RESPONSE_STATUSES, ZProcessRules } from "../processes/process-rules";
import {
  ZAnonymousAuthor,
  ZAnonymousProof,
  ZCouncilAuthor,
  ZCount,
  ZDepth,
  ZFieldString,
  ZFrozenCensus,
  ZInstant,
  ZLongText,
  ZShortText,
  ZUuid,
} from "./entry-fields";

/**
 * Every kind of event Plaza records, version 1. Each entry is one JSON object with `v` (format
 * version) and `type`; unknown members are refused (strict), so an entry means exactly one thing.
 * docs/ledger.md describes each type; observers replay them to recount everything.
 */
const base = { v: z.literal(1) };

export const ZDistrictCreated = z.strictObject({
  ...base,
  type: z.literal("district_created"),
  districtId: ZUuid,
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(48),
  name: ZShortText,
  time: ZInstant,
});

/** A Semaphore identity commitment joined a district's census (LeanIMT), giving the new root. */
export const ZMemberAdded = z.strictObject({
  ...base,
  type: z.literal("member_added"),
  districtId: ZUuid,
  commitment: ZFieldString,
  memberIndex: ZCount,
  root: ZFieldString,
  size: ZCount,
});

/** A member was removed (their leaf set to 0, as @semaphore-protocol/group does), with a public reason. */
export const ZMemberRemoved = z.strictObject({
  ...base,
  type: z.literal("member_removed"),
  districtId: ZUuid,
  memberIndex: ZCount,
  reason: ZShortText,
  root: ZFieldString,
  size: ZCount,
  time: ZInstant,
});

export const ZBallotMethod = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("single") }),
  z.strictObject({ kind: z.literal("approval"), min: ZCount, max: ZCount }),
  z.strictObject({ kind: z.literal("ranked"), maxRanks: ZCount }),
  z.strictObject({ kind: z.literal("budget"), budget: ZCount, costs: z.array(ZCount) }),
]);

/** Every rule of a poll, frozen when it opens: nothing about it can change afterwards. */
export const ZPollOpened = z.strictObject({
  ...base,
  type: z.literal("poll_opened"),
  pollId: ZUuid,
  districtId: ZUuid,
  title: ZShortText,
  /** Plain polls have at least two options (checked by the replay); a process ballot may have one. */
  options: z.array(ZShortText).min(1).max(64),
  method: ZBallotMethod,
  opensAt: ZInstant,
  closesAt: ZInstant,
  scope: ZFieldString,
  root: ZFieldString,
  depth: ZDepth,
  censusSize: ZCount,
  minAnonymitySet: ZCount,
  /**
   * A participatory process's ballot: the process, and the proposals that are its options in
   * option order (the proposals that advanced, in the order they advanced).
   */
  process: z.strictObject({ processId: ZUuid, proposalIds: z.array(ZUuid).min(1).max(64) }).optional(),
});

/**
 * An anonymous ballot. `message` binds the proof to (ballot, sequence); a later vote with the
 * same nullifier and a higher sequence replaces an earlier one. No time is recorded, on purpose.
 */
export const ZVote = z.strictObject({
  ...base,
  type: z.literal("vote"),
  pollId: ZUuid,
  ballot: z.array(ZCount).max(64),
  sequence: ZCount,
  proof: ZAnonymousProof,
});

export const ZPollClosed = z.strictObject({
  ...base,
  type: z.literal("poll_closed"),
  pollId: ZUuid,
  counts: z.array(ZCount),
  turnout: ZCount,
  censusSize: ZCount,
  /** The ledger size the tally covers: every vote entry below it was considered. */
  ledgerSize: ZCount,
  time: ZInstant,
  /** Ranked polls: the instant-runoff table (`counts` are then the first preferences) and winner. */
  rounds: z
    .array(z.strictObject({ counts: z.array(ZCount), exhausted: ZCount, eliminated: ZCount.nullable() }))
    .max(64)
    .optional(),
  winner: ZCount.nullable().optional(),
  /** Budget polls: the funded projects, in funding order (`counts` are votes per project). */
  funded: z.array(ZCount).max(64).optional(),
});

/**
 * A participatory process started: every rule recorded, never changed afterwards, and the
 * district's census at that moment. Its anonymous proposals, supports and comments prove
 * membership of that census or of any later one, up to the district's last removal (a removal
 * revokes every older root); the ballot, a poll, freezes its own census when it opens.
 */
export const ZProcessStarted = z.strictObject({
  ...base,
  type: z.literal("process_started"),
  processId: ZUuid,
  districtId: ZUuid,
  title: ZShortText,
  description: ZLongText,
  rules: ZProcessRules,
  /**
   * Absent only from processes started before Plaza recorded it (its first process release): such
   * a process takes no anonymous acts, on the server as in the verifier.
   */
  census: ZFrozenCensus.optional(),
  time: ZInstant,
});

/**
 * A process entered a phase, written by the scheduler when the phase's start time has come. The
 * anonymous acts of a phase (proposals, supports) are valid only between its process_phase entry
 * and the next one, so the ledger's own order proves when they happened without recording a time.
 */
export const ZProcessPhase = z.strictObject({
  ...base,
  type: z.literal("process_phase"),
  processId: ZUuid,
  phase: z.enum(PROCESS_PHASES),
  time: ZInstant,
});

const ZProposalContent = {
  title: ZShortText,
  /** Markdown, rendered sanitised (no raw HTML, no images, safe links only). */
  body: ZLongText,
  category: ZShortText.nullable(),
  costEstimate: ZCount.nullable(),
  location: ZShortText.nullable(),
};

/**
 * A proposal in a process: by a council member (attributed), or by a resident with a proof whose
 * scope is (process, "propose", slot) and whose message is proposalMessage(content).
 */
export const ZProposal = z.strictObject({
  ...base,
  type: z.literal("proposal"),
  proposalId: ZUuid,
  processId: ZUuid,
  ...ZProposalContent,
  author: z.discriminatedUnion("kind", [ZCouncilAuthor, ZAnonymousAuthor]),
});

/** One resident's support for a proposal: scope = the proposal, so one per resident. */
export const ZSupport = z.strictObject({
  ...base,
  type: z.literal("support"),
  proposalId: ZUuid,
  proof: ZAnonymousProof,
});

/**
 * A proposal reached the process's support threshold during the support phase and goes to the
 * ballot. Written in the same append as the support that met the threshold, so it is the entry
 * right after that support.
 */
export const ZProposalAdvanced = z.strictObject({
  ...base,
  type: z.literal("proposal_advanced"),
  proposalId: ZUuid,
  processId: ZUuid,
  supports: ZCount,
});

/**
 * A comment on a proposal, or a reply to a top-level comment (threads are one level deep). Anonymous
 * comments prove (proposal, "comment", slot) with message commentMessage(content).
 */
export const ZComment = z.strictObject({
  ...base,
  type: z.literal("comment"),
  commentId: ZUuid,
  proposalId: ZUuid,
  parentId: ZUuid.nullable(),
  body: z.string().min(1).max(5_000),
  author: z.discriminatedUnion("kind", [ZCouncilAuthor, ZAnonymousAuthor]),
});

/** The council's answer to a proposal, then its implementation updates. */
export const ZResponse = z.strictObject({
  ...base,
  type: z.literal("response"),
  proposalId: ZUuid,
  status: z.enum(RESPONSE_STATUSES),
  body: ZLongText,
  author: ZCouncilAuthor,
  time: ZInstant,
});

/**
 * The response deadline passed with proposals that reached the ballot still unanswered: written by
 * the scheduler when the deadline comes, listing them, so the lapse is public and permanent.
 */
export const ZResponseOverdue = z.strictObject({
  ...base,
  type: z.literal("response_overdue"),
  processId: ZUuid,
  proposalIds: z.array(ZUuid).max(64),
  time: ZInstant,
});

/** A council member hid (or restored) a proposal or comment, with a public reason. */
export const ZModeration = z.strictObject({
  ...base,
  type: z.literal("moderation"),
  target: z.strictObject({ kind: z.enum(["proposal", "comment"]), id: ZUuid }),
  action: z.enum(["hide", "restore"]),
  reason: ZShortText,
  author: ZCouncilAuthor,
  time: ZInstant,
});

export const ZLedgerEntry = z.discriminatedUnion("type", [
  ZDistrictCreated,
  ZMemberAdded,
  ZMemberRemoved,
  ZPollOpened,
  ZVote,
  ZPollClosed,
  ZProcessStarted,
  ZProcessPhase,
  ZProposal,
  ZSupport,
  ZProposalAdvanced,
  ZComment,
  ZResponse,
  ZResponseOverdue,
  ZModeration,
]);

export type TLedgerEntry = z.infer<typeof ZLedgerEntry>;
export type TLedgerEntryType = TLedgerEntry["type"];
export const LEDGER_ENTRY_TYPES = ZLedgerEntry.options.map((o) => o.shape.type.value) as TLedgerEntryType[];
