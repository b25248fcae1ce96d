import { getAnonymous } from "../../_lib/prover/anonymous-request";

/**
 * Whether the district's census holds a commitment now, from its public member list (the whole
 * list, the same one a voting browser fetches, so asking tells the server nothing new). null when
 * the list could not be fetched: unknown, not "no".
 */
export async function censusHolds(districtId: string, commitment: string): Promise<boolean | null> {
  return getAnonymous<{ members: string[] }>(
    `/api/anon/members?districtId=${encodeURIComponent(districtId)}`,
  ).then(
    (list) => list.members.includes(commitment),
    () => null,
  );
}
