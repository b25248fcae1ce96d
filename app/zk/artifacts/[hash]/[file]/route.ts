import { publicApiResponse } from "@/server/api/public-api-response";
import { readArtifact } from "@/server/services/zk/read-artifact";

export const dynamic = "force-dynamic";

/** Official Semaphore v4 ceremony artifacts, content-addressed and cached as immutable. */
export function GET(_req: Request, { params }: { params: Promise<{ hash: string; file: string }> }) {
  return publicApiResponse(async () => {
    const { hash, file } = await params;
    const a = await readArtifact(hash, file);
    return new Response(a.body, {
      headers: {
        "Content-Type": a.contentType,
        "Content-Length": String(a.bytes),
        "Cache-Control": "public, max-age=31536000, immutable",
        ETag: `"${a.sha256}"`,
        "Access-Control-Allow-Origin": "*",
      },
    });
  });
}
