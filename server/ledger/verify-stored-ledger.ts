import { and, asc, desc, gte, lt, sql } from "drizzle-orm";
import { openCheckpoint } from "@/core/checkpoint";
import { decodeEntry } from "@/core/entries";
import { bytesEqual } from "@/core/internal/bytes";
import {
  appendLeafHash,
  type CompactRange,
  compactRangeRoot,
  EMPTY_COMPACT_RANGE,
  hashLeaf,
} from "@/core/merkle";
import type { DbOrTx } from "../db/client";
import { ledgerCheckpoints, ledgerEntries, ledgerSubtrees } from "../db/schema";
import type { LogIdentity } from "./log-identity";

export interface LedgerProblem {
  /** The entry index the problem is at (or the first leaf of the damaged subtree). */
  index: bigint;
  message: string;
}

const PAGE = 5_000n;

/**
 * Re-derives the whole tree from the stored entry bytes and checks it against everything stored
 * and signed: no index missing, every entry parses, every stored subtree hash (leaf hashes
 * included) equals the recomputed one, and every signed checkpoint's signature and root match the
 * recomputed tree at its size. An UPDATE or DELETE of any ledger row shows up here, with the index.
 */
export async function verifyStoredLedger(
  db: DbOrTx,
  identity: LogIdentity,
): Promise<{ size: bigint; problems: LedgerProblem[] }> {
  const problems: LedgerProblem[] = [];
  const checkpoints = await db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.size));
  const roots = new Map(checkpoints.map((c) => [c.size, c]));
  for (const c of checkpoints) {
    const opened = openCheckpoint({ note: c.note, origin: identity.origin, verifiers: [identity.verifier] });
    if (!opened || opened.checkpoint.size !== c.size || !bytesEqual(opened.checkpoint.rootHash, c.root)) {
      problems.push({
        index: c.size,
        message: `checkpoint at size ${c.size} has a bad signature or does not match its row`,
      });
    }
  }

  let range: CompactRange = EMPTY_COMPACT_RANGE;
  let expected = 0n;
  for (;;) {
    const rows = await db
      .select()
      .from(ledgerEntries)
      .where(and(gte(ledgerEntries.idx, expected), lt(ledgerEntries.idx, expected + PAGE)))
      .orderBy(asc(ledgerEntries.idx));
    if (rows.length === 0) {
      const [last] = await db
        .select({ idx: ledgerEntries.idx })
        .from(ledgerEntries)
        .orderBy(desc(ledgerEntries.idx))
        .limit(1);
      if (last && last.idx >= expected) {
        problems.push({
          index: expected,
          message: `entries ${expected}..${expected + PAGE - 1n} are missing`,
        });
        expected += PAGE;
        continue;
      }
      break;
    }
    // The subtrees completed by this page's leaves: those whose last leaf falls in the page.
    const pageEnd = expected + PAGE;
    const nodes = await db
      .select()
      .from(ledgerSubtrees)
      .where(
        sql`((${ledgerSubtrees.idx} + 1) << ${ledgerSubtrees.level}) - 1 >= ${expected} and ((${ledgerSubtrees.idx} + 1) << ${ledgerSubtrees.level}) - 1 < ${pageEnd}`,
      );
    const stored = new Map(nodes.map((n) => [`${n.level}/${n.idx}`, n.hash]));
    for (const row of rows) {
      while (row.idx > expected) {
        problems.push({ index: expected, message: `entry ${expected} is missing` });
        range = appendLeafHash(range, new Uint8Array(32)).range;
        expected++;
      }
      try {
        decodeEntry(row.data);
      } catch (e) {
        problems.push({
          index: row.idx,
          message: `entry ${row.idx} does not parse: ${(e as Error).message}`,
        });
      }
      const appended = appendLeafHash(range, hashLeaf(row.data));
      range = appended.range;
      for (const n of appended.nodes) {
        const s = stored.get(`${n.level}/${n.index}`);
        if (!s || !bytesEqual(s, n.hash)) {
          const first = n.index << BigInt(n.level);
          problems.push({
            index: n.level === 0 ? n.index : first,
            message:
              n.level === 0
                ? `entry ${n.index} does not match its stored leaf hash`
                : `stored hash of leaves ${first}..${first + (1n << BigInt(n.level)) - 1n} does not match the entries`,
          });
        }
      }
      expected++;
      const signed = roots.get(expected);
      if (signed && !bytesEqual(compactRangeRoot(range), signed.root)) {
        problems.push({
          index: expected - 1n,
          message: `the tree of size ${expected} does not match its signed checkpoint`,
        });
      }
    }
  }
  const lastSigned = checkpoints.at(-1);
  if (lastSigned && expected < lastSigned.size) {
    problems.push({
      index: expected,
      message: `the signed checkpoint covers ${lastSigned.size} entries but only ${expected} are stored`,
    });
  }
  // A single damaged row invalidates every ancestor hash; the first problems name the row.
  return { size: expected, problems: dedupe(problems).slice(0, 100) };
}

function dedupe(problems: LedgerProblem[]): LedgerProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.index}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
