import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { leanIMTDepth } from "@/core/census";
import type { Db } from "../../db/client";
import { censusGroups, censusMembers, districts } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { bytesToField } from "./field-bytes";

export interface CensusMemberList {
  districtId: string;
  /** Every leaf in index order as canonical decimal; removed members are "0". */
  members: string[];
  size: number;
  depth: number;
  /** The LeanIMT root (decimal); "0" for an empty census, as @semaphore-protocol/group says. */
  root: string;
}

/**
 * The whole member list of a district, the same for everyone who asks (public, no actor): each
 * browser finds its own commitment in it and builds its Merkle path locally (core/census
 * buildMemberProof), so the server never learns whose path is being built. List and root are
 * read in one REPEATABLE READ snapshot, so they always describe the same tree.
 */
export async function listMembers(db: Db, districtId: string): Promise<CensusMemberList> {
  const id = z.uuid().parse(districtId);
  return db.transaction(
    async (tx) => {
      const [district] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, id));
      if (!district) throw new AppError("NOT_FOUND", "That district does not exist.");
      const [census] = await tx
        .select({ size: censusGroups.size, root: censusGroups.root })
        .from(censusGroups)
        .where(eq(censusGroups.districtId, id));
      if (!census || census.size === 0) return { districtId: id, members: [], size: 0, depth: 0, root: "0" };
      const rows = await tx
        .select({ commitment: censusMembers.commitment, removedAt: censusMembers.removedAt })
        .from(censusMembers)
        .where(eq(censusMembers.districtId, id))
        .orderBy(asc(censusMembers.memberIndex));
      if (rows.length !== census.size)
        throw new AppError(
          "INTERNAL",
          `Census of ${id} is inconsistent: ${rows.length} members, size ${census.size}.`,
        );
      return {
        districtId: id,
        members: rows.map((r) => (r.removedAt ? "0" : r.commitment)),
        size: census.size,
        depth: leanIMTDepth(census.size),
        root: bytesToField(census.root).toString(),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
