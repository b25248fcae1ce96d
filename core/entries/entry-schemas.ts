import { z } from "zod";
import { ZProcessRules } from "../processes/process-rules";
import {
  ZAnonymousAuthor,
  ZAnonymousProof,
  ZCouncilAuthor,
  ZCount,
  ZDepth,
  ZFieldString,
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
  options: z.array(ZShortText).min(2).max(64),
  method: ZBallotMethod,
  opensAt: ZInstant,
  closesAt: ZInstant,
  scope: ZFieldString,
  root: ZFieldString,
  depth: ZDepth,
  censusSize: ZCount,
  minAnonymitySet: ZCount,
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

/** A participatory process started: every rule recorded, never changed afterwards. */
export const ZProcessStarted = z.strictObject({
  ...base,
  type: z.literal("process_started"),
  processId: ZUuid,
  districtId: ZUuid,
  title: ZShortText,
  description: ZLongText,
  rules: ZProcessRules,
  time: ZInstant,
});

export const ZProposal = z.strictObject({
  ...base,
  type: z.literal("proposal"),
  proposalId: ZUuid,
  districtId: ZUuid,
  processId: ZUuid.nullable(),
  title: ZShortText,
  body: ZLongText,
  category: ZShortText.nullable(),
  costEstimate: ZCount.nullable(),
  location: ZShortText.nullable(),
  author: z.discriminatedUnion("kind", [ZCouncilAuthor, ZAnonymousAuthor]),
});

export const ZSupport = z.strictObject({
  ...base,
  type: z.literal("support"),
  proposalId: ZUuid,
  proof: ZAnonymousProof,
});

export const ZComment = z.strictObject({
  ...base,
  type: z.literal("comment"),
  commentId: ZUuid,
  proposalId: ZUuid,
  parentId: ZUuid.nullable(),
  body: z.string().min(1).max(5_000),
  author: z.discriminatedUnion("kind", [ZCouncilAuthor, ZAnonymousAuthor]),
});

export const ZResponse = z.strictObject({
  ...base,
  type: z.literal("response"),
  proposalId: ZUuid,
  status: z.enum(["accepted", "rejected", "in_progress", "implemented"]),
  body: ZLongText,
  author: ZCouncilAuthor,
  time: ZInstant,
});

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
  ZProposal,
  ZSupport,
  ZComment,
  ZResponse,
  ZModeration,
]);

export type TLedgerEntry = z.infer<typeof ZLedgerEntry>;
export type TLedgerEntryType = TLedgerEntry["type"];
export const LEDGER_ENTRY_TYPES = ZLedgerEntry.options.map((o) => o.shape.type.value) as TLedgerEntryType[];
