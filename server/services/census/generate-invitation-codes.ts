import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { generateInvitationCode } from "@/core/census";
import type { Db } from "../../db/client";
import { censusInvitationCodes, districts } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { type Actor, requireCouncilMember } from "../auth/actor";
import { hashInvitationCode } from "./hash-invitation-code";

export const MAX_CODES_PER_BATCH = 1000;

export const ZGenerateInvitationCodesInput = z.object({
  districtId: z.uuid(),
  count: z.number().int().min(1).max(MAX_CODES_PER_BATCH),
});
export type TGenerateInvitationCodesInput = z.input<typeof ZGenerateInvitationCodesInput>;

export interface InvitationCodeBatch {
  districtId: string;
  districtName: string;
  districtSlug: string;
  batchId: string;
  /** The plaintext codes, canonical form. Returned this once: only their hashes are stored. */
  codes: string[];
}

/**
 * A council member of the district generates a batch of one-time invitation codes to print and
 * hand out (renderInvitationCsv, renderInvitationLetters). The codes come from the CSPRNG and only
 * their keyed hashes are stored, so this answer is the only place they ever appear.
 */
export async function generateInvitationCodes(
  db: Db,
  actor: Actor,
  input: TGenerateInvitationCodesInput,
): Promise<InvitationCodeBatch> {
  const data = ZGenerateInvitationCodesInput.parse(input);
  const council = await requireCouncilMember(db, actor, data.districtId);
  const [district] = await db
    .select({ name: districts.name, slug: districts.slug })
    .from(districts)
    .where(eq(districts.id, data.districtId));
  if (!district) throw new AppError("NOT_FOUND", "That district does not exist.");

  const batchId = randomUUID();
  const codes = new Set<string>();
  while (codes.size < data.count) codes.add(generateInvitationCode());
  const list = [...codes];
  const rows = await Promise.all(
    list.map(async (code) => ({
      codeHash: await hashInvitationCode(db, code),
      districtId: data.districtId,
      batchId,
      createdBy: council.userId,
    })),
  );
  // 80-bit codes do not collide in practice; if one ever did, the whole batch is rolled back and
  // fails loudly rather than handing out a code that would not work.
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(censusInvitationCodes)
      .values(rows)
      .onConflictDoNothing()
      .returning({ codeHash: censusInvitationCodes.codeHash });
    if (inserted.length !== rows.length)
      throw new AppError("INTERNAL", "Some codes collided; generate again.");
  });
  return {
    districtId: data.districtId,
    districtName: district.name,
    districtSlug: district.slug,
    batchId,
    codes: list,
  };
}
