import { eq } from "drizzle-orm";
import { z } from "zod";
import { generateConsistencyProof, generateInclusionProof, hashLeaf } from "@/core/merkle";
import type { DbOrTx } from "../../db/client";
import { ledgerCheckpoints, ledgerEntries } from "../../db/schema";
import { AppError } from "../../errors/app-error";
import { createDbHashReader } from "../../ledger/create-db-hash-reader";
import { signedSize } from "./signed-size";

export const ZInclusionInput = z.object({
  index: z.coerce.bigint().min(0n),
  size: z.coerce.bigint().min(1n).optional(),
});
export const ZConsistencyInput = z.object({ from: z.coerce.bigint().min(1n), to: z.coerce.bigint().min(1n) });

/** `size` if a checkpoint was signed at it, else (no size given) the latest signed size. */
async function requireSignedSize(db: DbOrTx, size?: bigint): Promise<bigint> {
  if (size !== undefined) {
    const [cp] = await db
      .select({ size: ledgerCheckpoints.size })
      .from(ledgerCheckpoints)
      .where(eq(ledgerCheckpoints.size, size));
    if (!cp) throw new AppError("NOT_FOUND", `No checkpoint was signed at size ${size}.`);
    return size;
  }
  const latest = await signedSize(db);
  if (latest === 0n) throw new AppError("NOT_FOUND", "No checkpoint has been signed yet.");
  return latest;
}

/**
 * Inclusion proof of entry `index` in the tree of a signed checkpoint (the latest by default).
 * Only signed sizes are offered, so every proof can be checked against a signature.
 */
export async function getInclusionProof(db: DbOrTx, input: unknown) {
  const q = ZInclusionInput.parse(input);
  const size = await requireSignedSize(db, q.size);
  if (q.index >= size)
    throw new AppError("NOT_FOUND", `Entry ${q.index} is not yet covered by a checkpoint (size ${size}).`);
  const [entry] = await db
    .select({ data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.idx, q.index));
  if (!entry) throw new AppError("LEDGER_CORRUPT", `Ledger entry ${q.index} is missing.`);
  const proof = await generateInclusionProof({ index: q.index, size, readHashes: createDbHashReader(db) });
  return { index: q.index, size, leafHash: hashLeaf(entry.data), proof };
}

/** Consistency proof between two signed checkpoints. */
export async function getConsistencyProof(db: DbOrTx, input: unknown) {
  const q = ZConsistencyInput.parse(input);
  if (q.from > q.to) throw new AppError("BAD_INPUT", "from must not exceed to.");
  await requireSignedSize(db, q.from);
  await requireSignedSize(db, q.to);
  const proof = await generateConsistencyProof({
    size1: q.from,
    size2: q.to,
    readHashes: createDbHashReader(db),
  });
  return { from: q.from, to: q.to, proof };
}
