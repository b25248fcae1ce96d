import { and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import { leanIMTDepth } from "@/core/census";
import type { Db } from "../../db/client";
import { censusGroups, censusInvitationCodes, censusMembers, districts } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { ZDistrictSlug } from "../districts/create-district";
import { bytesToField } from "./field-bytes";

/** How many of the latest removals the summary lists (the ledger has all of them). */
export const RECENT_REMOVALS = 20;

export interface CensusSummary {
  districtId: string;
  districtSlug: string;
  districtName: string;
  /** Leaves in the census tree, removed members included (their leaf is 0). */
  size: number;
  /** Members not removed: what a poll's minimum anonymity set is compared with. */
  activeMembers: number;
  removedMembers: number;
  /** Current LeanIMT root (decimal); "0" while the census is empty. */
  root: string;
  depth: number;
  codesIssued: number;
  codesUsed: number;
  /** The latest removals, newest first, with their public reasons (also on the ledger). */
  recentRemovals: { memberIndex: number; reason: string; removedAt: Date }[];
}

/**
 * A district's census at a glance, public like the ledger it summarises: size, root, removals with
 * their reasons, and how many invitation codes were issued and used. Counts only, never which
 * code belongs to whom; read in one REPEATABLE READ snapshot so the numbers agree with each other.
 */
export async function getCensusSummary(db: Db, districtSlug: string): Promise<CensusSummary> {
  const slug = ZDistrictSlug.parse(districtSlug);
  return db.transaction(
    async (tx) => {
      const [district] = await tx
        .select({ id: districts.id, slug: districts.slug, name: districts.name })
        .from(districts)
        .where(eq(districts.slug, slug));
      if (!district) throw new AppError("NOT_FOUND", `There is no district "${slug}".`);
      const [census] = await tx
        .select({ size: censusGroups.size, root: censusGroups.root })
        .from(censusGroups)
        .where(eq(censusGroups.districtId, district.id));
      const [removed] = await tx
        .select({ n: count() })
        .from(censusMembers)
        .where(and(eq(censusMembers.districtId, district.id), isNotNull(censusMembers.removedAt)));
      const [codes] = await tx
        .select({
          issued: count(),
          used: sql<number>`count(*) filter (where ${censusInvitationCodes.used})`.mapWith(Number),
        })
        .from(censusInvitationCodes)
        .where(eq(censusInvitationCodes.districtId, district.id));
      const recent = await tx
        .select({
          memberIndex: censusMembers.memberIndex,
          reason: censusMembers.removalReason,
          removedAt: censusMembers.removedAt,
        })
        .from(censusMembers)
        .where(and(eq(censusMembers.districtId, district.id), isNotNull(censusMembers.removedAt)))
        .orderBy(desc(censusMembers.removedAt), desc(censusMembers.memberIndex))
        .limit(RECENT_REMOVALS);

      const size = census?.size ?? 0;
      const removedMembers = removed?.n ?? 0;
      return {
        districtId: district.id,
        districtSlug: district.slug,
        districtName: district.name,
        size,
        activeMembers: size - removedMembers,
        removedMembers,
        root: census && size > 0 ? bytesToField(census.root).toString() : "0",
        depth: leanIMTDepth(size),
        codesIssued: codes?.issued ?? 0,
        codesUsed: codes?.used ?? 0,
        recentRemovals: recent.map((r) => ({
          memberIndex: r.memberIndex,
          reason: r.reason ?? "",
          removedAt: r.removedAt ?? new Date(0),
        })),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
