import { randomUUID } from "node:crypto";
import { encodeEntry } from "@/core/entries";

/** A valid ledger entry whose content varies with n (a district_created entry). */
export function sampleEntry(n: number): Uint8Array {
  return encodeEntry({
    v: 1,
    type: "district_created",
    districtId: randomUUID(),
    slug: `district-${n}`,
    name: `District ${n}`,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n % 1000)).toISOString(),
  });
}
