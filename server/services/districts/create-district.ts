import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { districts } from "../../db/schema";
import { AppError } from "../../errors/app-error";
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

export async function createDistrict(db: DbOrTx, actor: Actor, input: TCreateDistrictInput) {
  const admin = requirePlatformAdmin(actor);
  const data = ZCreateDistrictInput.parse(input);
  const [row] = await db
    .insert(districts)
    .values({ ...data, createdBy: admin.userId })
    .onConflictDoNothing({ target: districts.slug })
    .returning();
  if (!row)
    throw new AppError(
      "DISTRICT_SLUG_TAKEN",
      `The address "${data.slug}" is already used by another district.`,
    );
  return row;
}
