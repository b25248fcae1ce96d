import { and, eq, type SQL, sql } from "drizzle-orm";
import type { CensusNodeId, CensusNodeLookup, CensusTreeChange } from "@/core/census";
import type { DbOrTx, Tx } from "../../db/client";
import { censusGroups, censusNodes } from "../../db/schema";
import { bytesToField, fieldToBytes } from "./field-bytes";

/**
 * Database side of a district's census tree (core/census does the hashing). Every change runs in
 * one transaction: lockCensus, then readCensusNodes for the O(depth) siblings core/census names,
 * then the caller writes the new path with `censusPathUpsert` together with its other rows.
 */
export interface LockedCensus {
  size: number;
  root: bigint;
  /** Changes so far (joins and removals), and the version of the last removal. */
  version: number;
  lastRemovalVersion: number;
}

/**
 * Locks the district's census row FOR UPDATE, creating it on first use (racing creators agree
 * through ON CONFLICT DO NOTHING). Every join and removal in the district, on every app instance,
 * queues here, so each sees the size and nodes the previous one committed; other districts are
 * not held up. Lock order is always census row, then ledger head (appendEntries).
 */
export async function lockCensus(tx: Tx, districtId: string): Promise<LockedCensus> {
  const select = () =>
    tx
      .select({
        size: censusGroups.size,
        root: censusGroups.root,
        version: censusGroups.version,
        lastRemovalVersion: censusGroups.lastRemovalVersion,
      })
      .from(censusGroups)
      .where(eq(censusGroups.districtId, districtId))
      .for("update");
  let [row] = await select();
  if (!row) {
    await tx
      .insert(censusGroups)
      .values({ districtId, size: 0, root: fieldToBytes(0n) })
      .onConflictDoNothing();
    [row] = await select();
    if (!row) throw new Error("census row vanished after insert");
  }
  return { ...row, root: bytesToField(row.root) };
}

/** Reads the listed nodes in one query and returns them as a synchronous lookup. */
export async function readCensusNodes(
  db: DbOrTx,
  districtId: string,
  ids: readonly CensusNodeId[],
): Promise<CensusNodeLookup> {
  const found = new Map<string, bigint>();
  if (ids.length > 0) {
    const keys = sql.join(
      ids.map((id) => sql`(${id.level}::smallint, ${id.index}::integer)`),
      sql`, `,
    );
    const rows = await db
      .select({ level: censusNodes.level, idx: censusNodes.idx, hash: censusNodes.hash })
      .from(censusNodes)
      .where(
        and(
          eq(censusNodes.districtId, districtId),
          sql`(${censusNodes.level}, ${censusNodes.idx}) in (${keys})`,
        ),
      );
    for (const r of rows) found.set(`${r.level}/${r.idx}`, bytesToField(r.hash));
  }
  return (level, index) => found.get(`${level}/${index}`);
}

/**
 * A data-modifying CTE that upserts the changed path and moves the census row to the new size
 * and root, to run in the same statement as the caller's other writes (fewer round trips).
 */
export function censusPathUpsert(
  districtId: string,
  change: CensusTreeChange,
  census: LockedCensus,
  kind: "join" | "removal",
): SQL[] {
  const version = census.version + 1;
  const rows = change.nodes.map(
    (n) =>
      sql`(${districtId}::uuid, ${n.level}::smallint, ${n.index}::integer, ${fieldToBytes(n.hash)}::bytea)`,
  );
  return [
    sql`census_path as (insert into census_nodes (district_id, level, idx, hash) values ${sql.join(rows, sql`, `)}
      on conflict (district_id, level, idx) do update set hash = excluded.hash)`,
    sql`census_head as (update census_groups set size = ${change.size}, root = ${fieldToBytes(change.root)}::bytea,
      version = ${version}, last_removal_version = ${kind === "removal" ? version : census.lastRemovalVersion},
      updated_at = now() where district_id = ${districtId}::uuid)`,
    sql`census_root as (insert into census_roots (district_id, root, version)
      values (${districtId}::uuid, ${change.root.toString()}, ${version}) on conflict do nothing)`,
  ];
}
