import { z } from "zod";
import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { listMembers } from "@/server/services/census/list-members";

export const dynamic = "force-dynamic";

/** A ledger size: a canonical decimal below 2^63. */
const ZLedgerSize = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/)
  .transform(BigInt)
  .refine((n) => n < 2n ** 63n, "too large");

/**
 * Every member commitment of a district, in order, so a browser builds its own Merkle path: the
 * server is never asked for "the path of member i", which would tell it who is about to vote.
 * With `ledgerSize=N`, the census as the ledger's first N entries left it: a voter passes the
 * index of the poll's poll_opened entry to get the group whose root the poll froze.
 */
export function GET(req: Request) {
  return publicApiResponse(async () => {
    const params = new URL(req.url).searchParams;
    const districtId = z.uuid().parse(params.get("districtId"));
    const raw = params.get("ledgerSize");
    const ledgerSize = raw === null ? undefined : ZLedgerSize.parse(raw);
    return jsonResponse(await listMembers(await getDb(), districtId, { ledgerSize }), {
      headers: { "Cache-Control": "no-store" },
    });
  });
}
