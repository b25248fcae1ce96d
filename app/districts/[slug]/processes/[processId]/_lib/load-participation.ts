import "server-only";
import type { TArtifactUrlsByDepth } from "@/app/_lib/participation/act-anonymously";
import { serverApi } from "@/server/api/server-caller";

/** Whether the signed-in person (if any) sits on the district's council. */
export async function isCouncilOf(districtId: string): Promise<boolean> {
  try {
    const dashboard = await (await serverApi()).council.dashboard();
    return dashboard.councils.some((c) => c.id === districtId);
  } catch {
    // Not signed in.
    return false;
  }
}

/**
 * The proving artifacts for a process's anonymous acts: those of the district census's depth now
 * and of the next depth, in case the census grows while the page is open (the prover picks by the
 * depth of the member list it fetches).
 */
export async function artifactsFor(districtSlug: string): Promise<TArtifactUrlsByDepth> {
  const api = await serverApi();
  const { depth } = await api.census.summary({ districtSlug });
  const depths = [Math.max(1, depth), Math.max(1, depth) + 1].filter((d) => d <= 32);
  const urls = await Promise.all(depths.map((d) => api.poll.artifacts({ depth: d })));
  return Object.fromEntries(depths.map((d, i) => [d, urls[i] as { wasm: string; zkey: string }]));
}
