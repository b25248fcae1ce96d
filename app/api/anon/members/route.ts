import { z } from "zod";
import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { getDb } from "@/server/db/get-db";
import { listMembers } from "@/server/services/census/list-members";

export const dynamic = "force-dynamic";

/**
 * Every member commitment of a district, in order, so a browser builds its own Merkle path: the
 * server is never asked for "the path of member i", which would tell it who is about to vote.
 */
export function GET(req: Request) {
  return publicApiResponse(async () => {
    const districtId = z.uuid().parse(new URL(req.url).searchParams.get("districtId"));
    return jsonResponse(await listMembers(await getDb(), districtId), {
      headers: { "Cache-Control": "no-store" },
    });
  });
}
