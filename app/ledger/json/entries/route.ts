import { getDb } from "@/server/db/get-db";
import { jsonResponse, ledgerResponse } from "@/server/ledger/ledger-http";
import { listEntries } from "@/server/services/ledger/list-entries";

export const dynamic = "force-dynamic";

/** GET /ledger/json/entries?start=0&limit=50&type=vote&districtId=…: entries with their bytes (base64). */
export function GET(req: Request) {
  return ledgerResponse(async () => {
    const q = Object.fromEntries(new URL(req.url).searchParams);
    return jsonResponse(await listEntries(await getDb(), q));
  });
}
