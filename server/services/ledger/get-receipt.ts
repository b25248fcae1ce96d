import { z } from "zod";
import { formatTlogProof } from "@/core/tlog-proof";
import type { DbOrTx } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { getLatestCheckpoint } from "./get-latest-checkpoint";
import { getInclusionProof } from "./get-proofs";

export const ZReceiptInput = z.object({ index: z.coerce.bigint().min(0n) });

/**
 * An offline-verifiable receipt for entry `index` in the c2sp.org/tlog-proof format: the inclusion
 * proof against the latest checkpoint, followed by that signed checkpoint verbatim (with its
 * witness cosignatures). Anyone holding the entry bytes and the log's key can check it with no
 * further contact with the server.
 */
export async function getReceipt(db: DbOrTx, input: unknown): Promise<string> {
  const { index } = ZReceiptInput.parse(input);
  const latest = await getLatestCheckpoint(db);
  if (!latest) throw new AppError("NOT_FOUND", "No checkpoint has been signed yet.");
  if (index >= latest.size) {
    throw new AppError(
      "NOT_FOUND",
      `Entry ${index} is not yet covered by a checkpoint (size ${latest.size}).`,
    );
  }
  const { proof } = await getInclusionProof(db, { index, size: latest.size });
  return formatTlogProof({ index, proof, checkpoint: latest.note });
}
