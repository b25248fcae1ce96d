import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { listEntries } from "@/server/services/ledger/list-entries";

export const dynamic = "force-dynamic";

/** GET /ledger/json/entries?start=0&limit=50&type=vote&districtId=…: entries with their bytes (base64). */
export function GET(req: Request) {
  return publicApiResponse(async () => {
    const q = Object.fromEntries(new URL(req.url).searchParams);
    return jsonResponse(await listEntries(await getDb(), q));
  });
}
