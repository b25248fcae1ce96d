import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { leanIMTDepth } from "@/core/census";
import { decodeEntry } from "@/core/entries";
import type { Db, Tx } from "../../db/client";
import { censusGroups, censusMembers, districts, ledgerEntries } from "../../db/schema";
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

export interface ListMembersOptions {
  /**
   * The census as the ledger's first `ledgerSize` entries leave it, instead of the current one.
   * A poll freezes the census root when it opens, so a voter asks for the census at the poll's
   * poll_opened entry index (everything before that entry): members who joined, and removals
   * made, after the opening are not part of the group the poll's proofs are checked against.
   */
  ledgerSize?: bigint;
}

/**
 * The whole member list of a district, the same for everyone who asks (public, no actor): each
 * browser finds its own commitment in it and builds its Merkle path locally (core/census
 * buildMemberProof), so the server never learns whose path is being built. List and root are
 * read in one REPEATABLE READ snapshot, so they always describe the same tree.
 */
export async function listMembers(
  db: Db,
  districtId: string,
  options: ListMembersOptions = {},
): Promise<CensusMemberList> {
  const id = z.uuid().parse(districtId);
  const { ledgerSize } = options;
  if (ledgerSize !== undefined && (typeof ledgerSize !== "bigint" || ledgerSize < 0n))
    throw new AppError("BAD_INPUT", "The ledger size must be a non-negative integer.");
  return db.transaction(
    async (tx) => {
      const [district] = await tx.select({ id: districts.id }).from(districts).where(eq(districts.id, id));
      if (!district) throw new AppError("NOT_FOUND", "That district does not exist.");
      return ledgerSize === undefined ? currentMembers(tx, id) : membersFromLedger(tx, id, ledgerSize);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

async function currentMembers(tx: Tx, id: string): Promise<CensusMemberList> {
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
}

/**
 * The census as the ledger stood before entry `ledgerSize`. Its last member_added / member_removed
 * entry gives the tree's size and root then; the leaves are the first `size` members in index
 * order, with 0 for exactly the members whose member_removed entry comes before `ledgerSize` (a
 * member removed later was still a leaf then, and census_members keeps every commitment). Cost:
 * one read of the member table plus the district's removals, not a replay of every entry. The
 * browser rebuilds the tree from the list and checks that it gives the same root (and, for a
 * poll, the poll's frozen root) before it proves anything.
 */
async function membersFromLedger(tx: Tx, id: string, ledgerSize: bigint): Promise<CensusMemberList> {
  const before = and(eq(ledgerEntries.districtId, id), lt(ledgerEntries.idx, ledgerSize));
  const [last] = await tx
    .select({ idx: ledgerEntries.idx, data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(and(before, inArray(ledgerEntries.type, ["member_added", "member_removed"])))
    .orderBy(desc(ledgerEntries.idx))
    .limit(1);
  if (!last) return { districtId: id, members: [], size: 0, depth: 0, root: "0" };
  const state = decodeEntry(last.data);
  if (state.type !== "member_added" && state.type !== "member_removed")
    throw new AppError("LEDGER_CORRUPT", `Ledger entry ${last.idx} is not a census entry.`);
  const removals = await tx
    .select({ idx: ledgerEntries.idx, data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(and(before, eq(ledgerEntries.type, "member_removed")));
  const removed = new Set<number>();
  for (const row of removals) {
    const entry = decodeEntry(row.data);
    if (entry.type !== "member_removed")
      throw new AppError("LEDGER_CORRUPT", `Ledger entry ${row.idx} is not a member_removed entry.`);
    removed.add(entry.memberIndex);
  }
  const rows = await tx
    .select({ index: censusMembers.memberIndex, commitment: censusMembers.commitment })
    .from(censusMembers)
    .where(and(eq(censusMembers.districtId, id), lt(censusMembers.memberIndex, state.size)))
    .orderBy(asc(censusMembers.memberIndex));
  if (rows.length !== state.size || rows.some((r, i) => r.index !== i))
    throw new AppError(
      "INTERNAL",
      `Census of ${id} is inconsistent with ledger entry ${last.idx}: ${rows.length} members, size ${state.size}.`,
    );
  return {
    districtId: id,
    members: rows.map((r) => (removed.has(r.index) ? "0" : r.commitment)),
    size: state.size,
    depth: leanIMTDepth(state.size),
    root: state.root,
  };
}
