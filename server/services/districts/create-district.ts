import { z } from "zod";
import { encodeEntry } from "@/core/entries";
import type { Db } from "../../db/client";
import { districts } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { appendEntries } from "../../ledger/append-entries";
import { type Actor, requirePlatformAdmin } from "../auth/actor";

export const ZDistrictSlug = z
  .string()
  .trim()
  .min(2, "at least 2 characters")
  .max(48, "at most 48 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase letters, digits and single dashes");

export const ZCreateDistrictInput = z.object({
  name: z.string().trim().min(2).max(120),
  slug: ZDistrictSlug,
  description: z.string().trim().max(2000).default(""),
});
export type TCreateDistrictInput = z.input<typeof ZCreateDistrictInput>;

/** Creates a district and records it on the ledger in the same transaction. */
export async function createDistrict(db: Db, actor: Actor, input: TCreateDistrictInput) {
  const admin = requirePlatformAdmin(actor);
  const data = ZCreateDistrictInput.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(districts)
      .values({ ...data, createdBy: admin.userId })
      .onConflictDoNothing({ target: districts.slug })
      .returning();
    if (!row)
      throw new AppError(
        "DISTRICT_SLUG_TAKEN",
        `The address "${data.slug}" is already used by another district.`,
      );
    await appendEntries(tx, [districtCreatedEntry(row)]);
    return row;
  });
}

/** The ledger entry that records a new district. */
export function districtCreatedEntry(d: {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
}): Uint8Array {
  return encodeEntry({
    v: 1,
    type: "district_created",
    districtId: d.id,
    slug: d.slug,
    name: d.name.slice(0, 200),
    time: d.createdAt.toISOString(),
  });
}
