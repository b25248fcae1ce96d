import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { insertLeaf, normalizeInvitationCode, siblingsForInsert, validateCommitment } from "@/core/census";
import { encodeEntry } from "@/core/entries";
import type { Db } from "../../db/client";
import { censusInvitationCodes, censusMembers } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { censusPathUpsert, lockCensus, readCensusNodes } from "./census-store";
import { hashInvitationCode } from "./hash-invitation-code";

export const ZJoinDistrictInput = z.object({
  code: z.string().max(64),
  /** The Semaphore identity commitment, canonical decimal, made in the resident's browser. */
  commitment: z.string().max(100),
  /**
   * The district the resident means to join, when the page knows it. A code of another district
   * is then refused before it is spent, instead of silently joining the resident elsewhere.
   */
  districtId: z.uuid().optional(),
});
export type TJoinDistrictInput = z.input<typeof ZJoinDistrictInput>;

export interface JoinDistrictResult {
  districtId: string;
  memberIndex: number;
  /** The census after the join: root (decimal), size and depth. */
  root: string;
  size: number;
  depth: number;
  /** Index of the member_added entry in the ledger. */
  ledgerIndex: bigint;
}

const CANONICAL_DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * A resident joins the census of the district their invitation code belongs to. Anonymous: no
 * actor, the code is the authorization. The browser made a Semaphore identity and sends only its
 * commitment; the secret never leaves it.
 *
 * One transaction: lock the district's census row, spend the code (unused, and the row lock plus
 * `and not used` make a code good for exactly one join even when two arrive at once), check the
 * commitment is not in the census yet, insert the leaf (O(depth) node reads and writes), record
 * the member, and append a member_added entry with the new root and size. Either all of it
 * commits or none: a refused join leaves the code unused.
 *
 * Refusals: INVALID_COMMITMENT (not a canonical decimal 0 < c < r), INVALID_CODE (malformed or
 * unknown), WRONG_DISTRICT (the code belongs to another district than the one asked for), CODE_USED, ALREADY_MEMBER (this commitment joined this district before, even if it
 * was removed since: a removed member needs a new identity and a new code).
 */
export async function joinDistrict(db: Db, input: TJoinDistrictInput): Promise<JoinDistrictResult> {
  const data = ZJoinDistrictInput.parse(input);
  const commitment = CANONICAL_DECIMAL.test(data.commitment) ? BigInt(data.commitment) : null;
  if (commitment === null || !validateCommitment(commitment))
    throw new AppError("INVALID_COMMITMENT", "The identity commitment is not a valid field element.");
  const code = normalizeInvitationCode(data.code);
  if (!code) throw new AppError("INVALID_CODE", "This invitation code is not valid.");
  const codeHash = await hashInvitationCode(db, code);

  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ districtId: censusInvitationCodes.districtId })
      .from(censusInvitationCodes)
      .where(eq(censusInvitationCodes.codeHash, codeHash));
    if (!invitation) throw new AppError("INVALID_CODE", "This invitation code is not valid.");
    const { districtId } = invitation;
    if (data.districtId !== undefined && data.districtId !== districtId)
      throw new AppError("WRONG_DISTRICT", "This invitation code belongs to another district.");

    const census = await lockCensus(tx, districtId);
    const spent = await tx
      .update(censusInvitationCodes)
      .set({ used: true })
      .where(and(eq(censusInvitationCodes.codeHash, codeHash), eq(censusInvitationCodes.used, false)))
      .returning({ districtId: censusInvitationCodes.districtId });
    if (spent.length === 0) throw new AppError("CODE_USED", "This invitation code has already been used.");

    const [existing] = await tx
      .select({ index: censusMembers.memberIndex })
      .from(censusMembers)
      .where(and(eq(censusMembers.districtId, districtId), eq(censusMembers.commitment, data.commitment)));
    if (existing)
      throw new AppError("ALREADY_MEMBER", "This identity is already registered in this district.");

    const lookup = await readCensusNodes(tx, districtId, siblingsForInsert(census.size));
    const change = insertLeaf({ size: census.size, leaf: commitment, lookup });
    const memberIndex = census.size;
    await tx.execute(
      sql`with ${sql.join(censusPathUpsert(districtId, change, census, "join"), sql`, `)}
        insert into census_members (district_id, member_index, commitment, code_hash)
        values (${districtId}::uuid, ${memberIndex}, ${data.commitment}, ${codeHash}::bytea)`,
    );
    const { firstIndex } = await appendEntries(tx, [
      encodeEntry({
        v: 1,
        type: "member_added",
        districtId,
        commitment: data.commitment,
        memberIndex,
        root: change.root.toString(),
        size: change.size,
      }),
    ]);
    return {
      districtId,
      memberIndex,
      root: change.root.toString(),
      size: change.size,
      depth: change.depth,
      ledgerIndex: firstIndex,
    };
  });
}
