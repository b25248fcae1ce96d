import { and, asc, eq, gte, lt } from "drizzle-orm";
import { encodeEntryBundle, parseTilePath, TILE_HEIGHT, TILE_WIDTH } from "@/core/tiles";
import type { DbOrTx } from "../../db/client";
import { ledgerSubtrees } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { readEntryRange } from "./list-entries";
import { signedSize } from "./signed-size";

/**
 * Serves c2sp.org/tlog-tiles resources: hash tiles tile/<L>/<N>[.p/<W>] (the perfect subtree
 * hashes at tree level 8L) and entry bundles tile/entries/<N>[.p/<W>]. Only data covered by the
 * latest signed checkpoint is served, so everything a client reads can be checked against a
 * signature, and nothing about the newest, unsigned appends is visible early.
 */
export async function readTile(db: DbOrTx, path: string): Promise<{ body: Uint8Array; full: boolean }> {
  let tile: ReturnType<typeof parseTilePath>;
  try {
    tile = parseTilePath(path);
  } catch (e) {
    throw new AppError("BAD_INPUT", (e as Error).message);
  }
  const size = await signedSize(db);
  const first = tile.index * BigInt(TILE_WIDTH);
  const end = first + BigInt(tile.width);
  const full = tile.width === TILE_WIDTH;

  if (tile.kind === "entries") {
    if (end > size)
      throw new AppError(
        "NOT_FOUND",
        `Entries up to ${end} are not yet covered by a checkpoint (size ${size}).`,
      );
    const rows = await readEntryRange(db, first, end);
    if (rows.length !== tile.width)
      throw new AppError("LEDGER_CORRUPT", `Ledger entries in [${first}, ${end}) are missing.`);
    return { body: encodeEntryBundle(rows.map((r) => r.data)), full };
  }

  const treeLevel = tile.level * TILE_HEIGHT;
  const available = size >> BigInt(treeLevel);
  if (end > available)
    throw new AppError("NOT_FOUND", `Tile ${path} is beyond the signed tree (size ${size}).`);
  const rows = await db
    .select({ idx: ledgerSubtrees.idx, hash: ledgerSubtrees.hash })
    .from(ledgerSubtrees)
    .where(
      and(eq(ledgerSubtrees.level, treeLevel), gte(ledgerSubtrees.idx, first), lt(ledgerSubtrees.idx, end)),
    )
    .orderBy(asc(ledgerSubtrees.idx));
  if (rows.length !== tile.width)
    throw new AppError("LEDGER_CORRUPT", `Ledger nodes for tile ${path} are missing.`);
  const body = new Uint8Array(tile.width * 32);
  rows.forEach((r, i) => {
    body.set(r.hash, i * 32);
  });
  return { body, full };
}
