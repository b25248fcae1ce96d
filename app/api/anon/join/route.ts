import { jsonResponse, publicApiResponse } from "@/server/api/public-api-response";
import { readJsonBody } from "@/server/api/read-json-body";
import { getDb } from "@/server/db/get-db";
import { joinDistrict } from "@/server/services/census/join-district";

export const dynamic = "force-dynamic";

/**
 * Anonymous: a resident's browser sends an invitation code and its identity commitment (never the
 * secret). No cookies are read, nothing about the request is logged.
 */
export function POST(req: Request) {
  return publicApiResponse(async () =>
    jsonResponse(await joinDistrict(await getDb(), (await readJsonBody(req)) as never), {
      headers: { "Cache-Control": "no-store" },
    }),
  );
}
