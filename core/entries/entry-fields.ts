import { z } from "zod";

/** The BN254 scalar field order r: Semaphore's field; every public signal is below it. */
export const SNARK_SCALAR_FIELD =
  21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const CANONICAL_DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Whether `s` is a canonical decimal below `bound`. zod 4 runs every check even after one failed,
 * so this refinement sees strings the regex refused ("1e3"): it must not hand them to BigInt,
 * which would throw a SyntaxError instead of reporting an invalid field.
 */
function isDecimalBelow(s: string, bound: bigint): boolean {
  return CANONICAL_DECIMAL.test(s) && BigInt(s) < bound;
}

/**
 * A field element as a canonical decimal string: no sign, no leading zeros, no exponent, below r.
 * Canonical so one value has exactly one encoding (a second spelling would be a second nullifier).
 */
export const ZFieldString = z
  .string()
  .max(78)
  .regex(CANONICAL_DECIMAL, "must be a canonical decimal string")
  .refine((s) => isDecimalBelow(s, SNARK_SCALAR_FIELD), "must be below the BN254 scalar field order");

export const ZUuid = z.uuid();
export const ZShortText = z.string().min(1).max(200);
export const ZLongText = z.string().max(20_000);
/** RFC 3339 UTC timestamps with millisecond precision, as Date.prototype.toISOString writes them. */
export const ZInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, "must be an ISO 8601 UTC instant");
export const ZCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Semaphore tree depths the official ceremony covers. */
export const ZDepth = z.number().int().min(1).max(32);
/** The BN254 base field order p: the field of curve point coordinates (p > r). */
export const BN254_BASE_FIELD =
  21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/** A curve point coordinate as a canonical decimal string below p (not r: coordinates may exceed r). */
export const ZBaseFieldString = z
  .string()
  .max(78)
  .regex(CANONICAL_DECIMAL, "must be a canonical decimal string")
  .refine((s) => isDecimalBelow(s, BN254_BASE_FIELD), "must be below the BN254 base field order");

/** A Groth16 proof as Semaphore packs it: eight base-field coordinates (A, B, C flattened). */
export const ZPackedProof = z.array(ZBaseFieldString).length(8);

/** The public part of an anonymous act: a Semaphore v4 proof against a frozen census root. */
export const ZAnonymousProof = z.object({
  root: ZFieldString,
  depth: ZDepth,
  nullifier: ZFieldString,
  scope: ZFieldString,
  message: ZFieldString,
  points: ZPackedProof,
});

/** Who acted, for attributed acts: a council member (by account id) on behalf of the council. */
export const ZCouncilAuthor = z.object({
  kind: z.literal("council"),
  userId: z.string().min(1).max(64),
  name: ZShortText,
});
/**
 * An anonymous author of a proposal or comment: a Semaphore proof from the district's census, and
 * the slot it spent. Each resident has a fixed number of slots per process (proposals) or per
 * proposal (comments); the slot is part of the proof's scope, so one identity gets exactly one
 * nullifier per slot and cannot file more than its slots allow. (core/participation)
 */
export const ZAnonymousAuthor = z.strictObject({
  kind: z.literal("anonymous"),
  slot: ZCount,
  proof: ZAnonymousProof,
});

/** A district's Semaphore census at one moment: root, the depth proofs use, members not removed. */
export const ZFrozenCensus = z.strictObject({ root: ZFieldString, depth: ZDepth, size: ZCount });
