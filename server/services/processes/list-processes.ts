import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { processes } from "../../db/schema";
import { AppError } from "../../errors/app-error";

/** A district's processes, oldest first (public). */
export async function listProcesses(db: DbOrTx, districtId: string) {
  return db
    .select()
    .from(processes)
    .where(eq(processes.districtId, districtId))
    .orderBy(asc(processes.createdAt));
}

/** One process (public). */
export async function getProcess(db: DbOrTx, processId: string) {
  const [row] = await db.select().from(processes).where(eq(processes.id, processId));
  if (!row) throw new AppError("NOT_FOUND", "That process does not exist.");
  return row;
}
