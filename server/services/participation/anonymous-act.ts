import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ZBaseFieldString, ZFieldString } from "@/core/entries";
import type { DbOrTx, Tx } from "../../db/client";
import { censusGroups, censusRoots, participationNullifiers } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import type { TSemaphoreProof } from "../polls/cast-vote";

/** A Semaphore v4 proof as the browser sends it with an anonymous act. */
export const ZActProof = z.strictObject({
  // Any integer here: the 1..32 policy is its own check (BAD_DEPTH).
  merkleTreeDepth: z.number().int(),
  merkleTreeRoot: ZFieldString,
  nullifier: ZFieldString,
  message: ZFieldString,
  scope: ZFieldString,
  points: z.array(ZBaseFieldString).length(8),
});

export interface TAnonymousActDeps {
  verifyProof: (proof: TSemaphoreProof) => Promise<boolean>;
}

/** What an anonymous act leaves on the ledger as its author: the proof, in entry form. */
export function entryProof(proof: TSemaphoreProof) {
  return {
    root: proof.merkleTreeRoot,
    depth: proof.merkleTreeDepth,
    nullifier: proof.nullifier,
    scope: proof.scope,
    message: proof.message,
    points: proof.points,
  };
}

/**
 * Whether `root` is a census root the process's anonymous acts may prove against: one the
 * district's census has had since the later of the process's start and the last removal (both as
 * census versions). Newcomers who joined after the start can take part; a removal revokes every
 * older root at once, so a removed member's old proofs stop working. `lock` takes the census row
 * FOR SHARE, so no removal can land between this check and the act's ledger entry.
 */
export async function requireValidRoot(
  db: DbOrTx,
  process: { districtId: string; censusVersion: number | null },
  root: string,
  lock = false,
): Promise<void> {
  const query = db
    .select({ lastRemoval: censusGroups.lastRemovalVersion, version: censusRoots.version })
    .from(censusGroups)
    .leftJoin(
      censusRoots,
      and(eq(censusRoots.districtId, censusGroups.districtId), eq(censusRoots.root, root)),
    )
    .where(eq(censusGroups.districtId, process.districtId));
  const [row] = lock ? await query.for("share", { of: censusGroups }) : await query;
  // A process without a recorded start version (none can be made now) accepts no root.
  const since = Math.max(process.censusVersion ?? Number.POSITIVE_INFINITY, row?.lastRemoval ?? 0);
  if (row?.version === null || row?.version === undefined || row.version < since)
    throw new AppError(
      "WRONG_ROOT",
      "The proof is for a list of residents this process no longer accepts (from before it started, or before a removal). Please try again.",
    );
}

/**
 * The checks `verifyProof` does not do, in order, then the proof itself: the scope names this act
 * (and slot), the root is one the process accepts (requireValidRoot), the depth is one the
 * ceremony covers, and the message is the hash of exactly this content. Each failure has its code.
 */
export async function checkActProof(
  db: DbOrTx,
  process: { districtId: string; censusVersion: number | null },
  proof: TSemaphoreProof,
  expected: { scope: bigint; message: bigint },
  deps: TAnonymousActDeps,
): Promise<void> {
  if (proof.scope !== expected.scope.toString())
    throw new AppError("WRONG_SCOPE", "The proof was made for another act, slot or process.");
  await requireValidRoot(db, process, proof.merkleTreeRoot);
  if (proof.merkleTreeDepth < 1 || proof.merkleTreeDepth > 32)
    throw new AppError("BAD_DEPTH", "The proof's tree depth must be 1 to 32.");
  if (proof.message !== expected.message.toString())
    throw new AppError("MESSAGE_MISMATCH", "The proof does not commit to this content.");
  if (!(await deps.verifyProof(proof)))
    throw new AppError("INVALID_PROOF", "The zero-knowledge proof is not valid.");
}

export const entryHash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();

/**
 * The nullifier policy of anonymous acts, inside the act's transaction: one act per nullifier per
 * scope. Concurrent attempts with one nullifier queue on a transaction-scoped advisory lock, so the
 * second sees the first. An exact resubmission (same entry bytes) answers the original entry's
 * index instead of failing, so a browser that lost the reply can safely send again.
 */
export async function claimNullifier(
  tx: Tx,
  proof: TSemaphoreProof,
  hash: Uint8Array,
): Promise<{ resubmitted: bigint | null }> {
  const key = `${proof.scope}/${proof.nullifier}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 1))`);
  const [spent] = await tx
    .select()
    .from(participationNullifiers)
    .where(
      and(
        eq(participationNullifiers.scope, proof.scope),
        eq(participationNullifiers.nullifier, proof.nullifier),
      ),
    );
  if (!spent) return { resubmitted: null };
  if (Buffer.from(spent.entryHash).equals(Buffer.from(hash))) return { resubmitted: spent.entryIndex };
  throw new AppError(
    "ALREADY_ACTED",
    "This identity has already used this slot (or supported this proposal).",
  );
}

/** Records the spent nullifier with the act's ledger index (same transaction as the entry). */
export async function recordNullifier(
  tx: Tx,
  proof: TSemaphoreProof,
  hash: Uint8Array,
  entryIndex: bigint,
): Promise<void> {
  await tx
    .insert(participationNullifiers)
    .values({ scope: proof.scope, nullifier: proof.nullifier, entryHash: hash, entryIndex });
}
