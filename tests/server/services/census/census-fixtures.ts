import { asc, eq } from "drizzle-orm";
import { decodeEntry } from "@/core/entries";
import type { Db } from "@/server/db/client";
import { ledgerEntries } from "@/server/db/schema";
import { generateInvitationCodes } from "@/server/services/census/generate-invitation-codes";
import { actorOf, addToCouncil, makeDistrict, makeUser } from "../../../helpers/fixtures";

let counter = 0;

/** A district with one council member and `codes` fresh invitation codes. */
export async function censusDistrict(
  db: Db,
  codes = 10,
  slug = `census-${++counter}-${Date.now() % 100000}`,
) {
  const district = await makeDistrict(db, slug, `District ${slug}`);
  const user = await makeUser(db, `council-${slug}@example.org`);
  await addToCouncil(db, district.id, user.id);
  const council = actorOf(user);
  const batch = await generateInvitationCodes(db, council, { districtId: district.id, count: codes });
  return { district, council, codes: batch.codes };
}

/** The census entries of a district, in ledger order, decoded. */
export async function censusEntries(db: Db, districtId: string) {
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.districtId, districtId))
    .orderBy(asc(ledgerEntries.idx));
  return rows
    .map((r) => ({ idx: r.idx, entry: decodeEntry(r.data) }))
    .filter((e) => e.entry.type === "member_added" || e.entry.type === "member_removed");
}

/** A valid identity commitment that no Semaphore identity needs to back (server tests). */
export function commitment(i: number): string {
  return (1_000_000_007n * BigInt(i + 1) + 12_345n).toString();
}
