import "server-only";
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

/** The proving artifacts for the process's frozen census depth, or null without a census. */
export async function artifactsFor(census: { depth: number } | null) {
  if (!census) return null;
  return (await serverApi()).poll.artifacts({ depth: census.depth });
}
