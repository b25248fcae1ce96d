import { and, eq, or } from "drizzle-orm";
import type { HashReader, NodeId } from "@/core/merkle";
import type { DbOrTx } from "../db/client";
import { ledgerSubtrees } from "../db/schema";
import { AppError } from "../errors/app-error";

/**
 * A HashReader over the stored perfect subtrees: one query per proof or tile. A node that is
 * missing means the store is damaged (or the caller asked beyond the tree), which is reported
 * with the node's coordinates rather than papered over.
 */
export function createDbHashReader(db: DbOrTx): HashReader {
  return async (nodes: readonly NodeId[]) => {
    if (nodes.length === 0) return [];
    const found = new Map<string, Uint8Array>();
    for (let i = 0; i < nodes.length; i += 500) {
      const part = nodes.slice(i, i + 500);
      const rows = await db
        .select()
        .from(ledgerSubtrees)
        .where(
          or(...part.map((n) => and(eq(ledgerSubtrees.level, n.level), eq(ledgerSubtrees.idx, n.index)))),
        );
      for (const r of rows) found.set(`${r.level}/${r.idx}`, r.hash);
    }
    return nodes.map((n) => {
      const hash = found.get(`${n.level}/${n.index}`);
      if (!hash)
        throw new AppError("LEDGER_CORRUPT", `Ledger node (level ${n.level}, index ${n.index}) is missing.`);
      return hash;
    });
  };
}
